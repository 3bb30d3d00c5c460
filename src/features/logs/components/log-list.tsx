import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react'
import type { LogRow as LogRowData } from '@/contract/logs'
import { cn } from '@/lib/cn'
import type { TimeZoneMode } from '@/lib/log-filters/log-search'
import { logColumns, logRowId, LOG_ROW_HEIGHT } from '../columns'
import { timeZoneLabel } from '../format-log-time'
import { LogRow } from './log-row'

const HEADER_HEIGHT = 33
/** Ask for the next page while this many rows are still below the last one on screen. */
const LOAD_AHEAD = 20

interface LogListProps {
  rows: readonly LogRowData[]
  activeIndex: number
  openUuid: string | undefined
  tz: TimeZoneMode
  wrap: boolean
  busy: boolean
  onOpen: (index: number) => void
  onActiveChange: (index: number) => void
  /** Called when the end of the loaded rows comes into view. */
  onNearEnd: () => void
  gridRef: Ref<HTMLDivElement>
  footer: ReactNode
}

/** The log lines as a grid that renders only what is on screen; the arrow keys move, Enter opens. */
export function LogList({ rows, activeIndex, openUuid, tz, wrap, busy, onOpen, onActiveChange, onNearEnd, gridRef, footer }: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser re-renders us itself on scroll
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (wrap ? 48 : LOG_ROW_HEIGHT),
    getItemKey: (index) => rows[index]!.uuid,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  })

  useEffect(() => virtualizer.measure(), [wrap, virtualizer])
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtualizer])

  const items = virtualizer.getVirtualItems()
  const lastIndex = items[items.length - 1]?.index ?? -1
  useEffect(() => {
    if (lastIndex >= rows.length - LOAD_AHEAD) onNearEnd()
  }, [lastIndex, rows.length, onNearEnd])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / LOG_ROW_HEIGHT) - 1)
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: rows.length - 1,
    }
    if (event.key in moves) {
      event.preventDefault()
      onActiveChange(Math.min(Math.max(moves[event.key]!, 0), rows.length - 1))
    } else if (event.key === 'Enter' && activeIndex >= 0) {
      event.preventDefault()
      onOpen(activeIndex)
    }
  }

  const active = rows[activeIndex]
  return (
    <div ref={scrollRef} className="h-full overflow-auto">
      <div
        ref={gridRef}
        role="grid"
        aria-label="Logs"
        aria-rowcount={rows.length + 1}
        aria-busy={busy}
        aria-activedescendant={active ? logRowId(active.uuid) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className={cn('min-w-[40rem] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring', busy && 'opacity-70')}
      >
        <div role="rowgroup" className="sticky top-0 z-10 bg-surface" style={{ height: HEADER_HEIGHT }}>
          <div role="row" aria-rowindex={1} className="flex h-full items-center gap-3 border-b border-border px-3 text-xs font-medium text-muted-foreground">
            <span role="columnheader" className={logColumns.time}>
              Time ({timeZoneLabel[tz].toLowerCase().replace(' time', '')})
            </span>
            <span role="columnheader" className={logColumns.level}>
              Level
            </span>
            <span role="columnheader" className={logColumns.service}>
              Service
            </span>
            <span role="columnheader" className={logColumns.body}>
              Message
            </span>
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <LogRow
              key={item.key}
              row={rows[item.index]!}
              index={item.index}
              active={item.index === activeIndex}
              open={rows[item.index]!.uuid === openUuid}
              tz={tz}
              wrap={wrap}
              start={item.start - HEADER_HEIGHT}
              onOpen={onOpen}
              measure={wrap ? virtualizer.measureElement : undefined}
            />
          ))}
        </div>
      </div>
      {footer}
    </div>
  )
}
