import { memo } from 'react'
import type { LogRow as LogRowData } from '@/contract/logs'
import { cn } from '@/lib/cn'
import type { TimeZoneMode } from '@/lib/log-filters/log-search'
import { logColumns, logRowId, LOG_ROW_HEIGHT } from '../columns'
import { formatLogTime } from '../format-log-time'
import { LevelBadge, levelDotClass } from './level-badge'

interface LogRowProps {
  row: LogRowData
  index: number
  /** The keyboard cursor is on this row. */
  active: boolean
  /** This log is open in the drawer. */
  open: boolean
  tz: TimeZoneMode
  wrap: boolean
  start: number
  onOpen: (index: number) => void
  /** Measures the row's real height (wrapped lines); unwrapped rows all have the same height. */
  measure: ((element: HTMLElement | null) => void) | undefined
}

/** One log line. The body is a text node: whatever it contains is shown, never interpreted. */
export const LogRow = memo(function LogRow({ row, index, active, open, tz, wrap, start, onOpen, measure }: LogRowProps) {
  return (
    <div
      ref={measure}
      id={logRowId(row.uuid)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      data-index={index}
      onClick={() => onOpen(index)}
      style={{ transform: `translateY(${start}px)`, ...(wrap ? { minHeight: LOG_ROW_HEIGHT } : { height: LOG_ROW_HEIGHT }) }}
      className={cn(
        'absolute top-0 left-0 flex w-full cursor-pointer items-start gap-3 border-b border-border px-3 py-1.5 font-mono text-xs hover:bg-muted/60',
        active && 'bg-muted',
        open && 'bg-accent',
      )}
    >
      <span aria-hidden="true" className={cn('absolute inset-y-0 left-0 w-1', levelDotClass[row.level])} />
      <span role="gridcell" className={cn(logColumns.time, 'text-muted-foreground tabular-nums')}>
        <time dateTime={row.timestamp}>{formatLogTime(row.timestamp, tz)}</time>
      </span>
      <span role="gridcell" className={logColumns.level}>
        <LevelBadge level={row.level} />
      </span>
      <span role="gridcell" className={cn(logColumns.service, 'truncate')} title={row.service_name}>
        {row.service_name || '(no service)'}
      </span>
      <span role="gridcell" className={cn(logColumns.body, wrap ? 'break-all whitespace-pre-wrap' : 'truncate')}>
        {row.body}
      </span>
    </div>
  )
})
