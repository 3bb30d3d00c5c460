import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { logColumns, LOG_ROW_HEIGHT } from '../columns'

const ROWS = 14
const bodyWidths = ['w-3/4', 'w-1/2', 'w-2/3', 'w-5/6', 'w-2/5']

/** Rows of the real height and columns while the first page loads. */
export function LogListSkeleton() {
  return (
    <div aria-busy="true" className="h-full overflow-hidden">
      <div className="flex h-[33px] items-center gap-3 border-b border-border px-3">
        {Object.values(logColumns).map((width) => (
          <Skeleton key={width} className={cn(width, 'h-3 max-w-24')} />
        ))}
      </div>
      {Array.from({ length: ROWS }, (_, i) => (
        <div key={i} className="flex items-center gap-3 border-b border-border px-3" style={{ height: LOG_ROW_HEIGHT }}>
          <Skeleton className={cn(logColumns.time, 'h-3')} />
          <Skeleton className={cn(logColumns.level, 'h-3 max-w-12')} />
          <Skeleton className={cn(logColumns.service, 'h-3 max-w-24')} />
          <div className={logColumns.body}>
            <Skeleton className={cn('h-3', bodyWidths[i % bodyWidths.length])} />
          </div>
        </div>
      ))}
      <p className="sr-only" role="status">
        Loading logs…
      </p>
    </div>
  )
}
