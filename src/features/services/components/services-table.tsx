import { useEffect, useRef } from 'react'
import type { ServiceRow as ServiceRowData } from '@/contract/logs'
import { cn } from '@/lib/cn'
import type { TimeRange } from '@/lib/time-range'
import { columnLabel, ROW_HEIGHT, serviceColumns } from '../columns'
import { useTableVirtualizer } from '../hooks/use-table-virtualizer'
import type { ServiceSortKey, SortDirection } from '../search-schema'
import { noteScroll } from './chart-mount-queue'
import { ServiceRow } from './service-row'
import { ServicesTableHead } from './services-table-head'

interface ServicesTableProps {
  rows: readonly ServiceRowData[]
  sort: ServiceSortKey
  dir: SortDirection
  onSort: (column: ServiceSortKey) => void
  environmentId: number
  range: TimeRange
  /** A newer answer is on its way (search or range changed, refresh). */
  busy: boolean
}

const OVERSCAN = 2

/**
 * A real `<table>` whose body renders only the rows in view (plus a few): spacer rows stand in
 * for the rest, so 10,000 services scroll smoothly and only visible rows fetch sparklines.
 */
export function ServicesTable({ rows, sort, dir, onSort, environmentId, range, busy }: ServicesTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // The virtualiser re-renders this component itself when the rows in view change.
  const virtualizer = useTableVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]!.service_name,
    overscan: OVERSCAN,
  })

  // Sparkline charts wait until scrolling settles (no React state: nothing re-renders per event).
  useEffect(() => {
    const el = scrollRef.current
    el?.addEventListener('scroll', noteScroll, { passive: true })
    return () => el?.removeEventListener('scroll', noteScroll)
  }, [])

  // A new order or result set starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
  }, [sort, dir, rows.length])

  const items = virtualizer.getVirtualItems()
  const paddingTop = items[0]?.start ?? 0
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0)
  const spacer = (height: number) => (
    <tr aria-hidden="true">
      <td colSpan={serviceColumns.length} style={{ height, padding: 0 }} />
    </tr>
  )

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label="Services table"
      tabIndex={0}
      className="h-full overflow-auto rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      <table
        aria-label="Services"
        aria-rowcount={rows.length + 1}
        aria-busy={busy}
        className={cn('w-full min-w-[72rem] table-fixed border-separate border-spacing-0 text-sm transition-opacity', busy && 'opacity-70')}
      >
        <caption className="sr-only">
          {`${rows.length} ${rows.length === 1 ? 'service' : 'services'}, sorted by ${columnLabel(sort)} ${dir === 'asc' ? 'ascending' : 'descending'}`}
        </caption>
        <ServicesTableHead sort={sort} dir={dir} onSort={onSort} />
        <tbody>
          {paddingTop > 0 && spacer(paddingTop)}
          {items.map((item) => (
            <ServiceRow
              key={item.key}
              row={rows[item.index]!}
              rowIndex={item.index + 2}
              environmentId={environmentId}
              range={range}
            />
          ))}
          {paddingBottom > 0 && spacer(paddingBottom)}
        </tbody>
      </table>
    </div>
  )
}
