import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { ROW_HEIGHT, serviceColumns } from '../columns'
import type { ServiceSortKey, SortDirection } from '../search-schema'
import { ServicesTableHead } from './services-table-head'

const ROWS = 12
const barWidth: Record<string, string> = {
  service_name: 'w-2/3',
  severity: 'w-full h-2.5 rounded-full',
  sparkline: 'w-full h-7',
  rules: 'w-1/2',
  actions: 'w-6 ml-auto',
}

interface ServicesSkeletonProps {
  sort: ServiceSortKey
  dir: SortDirection
  onSort: (column: ServiceSortKey) => void
}

/** The table's own header with rows of the real height, so nothing moves when data arrives. */
export function ServicesSkeleton({ sort, dir, onSort }: ServicesSkeletonProps) {
  return (
    <div className="h-full overflow-hidden">
      <table aria-label="Services" aria-busy="true" className="w-full min-w-[72rem] table-fixed border-separate border-spacing-0 text-sm">
        <ServicesTableHead sort={sort} dir={dir} onSort={onSort} />
        <tbody>
          {Array.from({ length: ROWS }, (_, i) => (
            <tr key={i} style={{ height: ROW_HEIGHT }}>
              {serviceColumns.map((column) => (
                <td key={column.id} className="border-b border-border px-3">
                  <Skeleton className={cn('h-3.5', barWidth[column.id] ?? 'ml-auto w-3/5')} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sr-only" role="status">
        Loading services…
      </p>
    </div>
  )
}
