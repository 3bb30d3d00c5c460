import type { Ref } from 'react'
import { ErrorState } from '@/components/error-state'
import { formatCount } from '@/lib/format'
import type { LogSearch } from '@/lib/log-filters/log-search'
import type { TimeRange } from '@/lib/time-range'
import type { useLogList } from '../hooks/use-log-list'
import { ListFooter } from './list-footer'
import { ListOptions } from './list-options'
import { LogList } from './log-list'
import { LogListSkeleton } from './log-list-skeleton'
import { LogsEmpty } from './logs-empty'

interface LogResultsProps {
  environmentId: number
  range: TimeRange
  search: LogSearch
  data: ReturnType<typeof useLogList>
  activeIndex: number
  gridRef: Ref<HTMLDivElement>
  onOpen: (index: number) => void
  onActiveChange: (index: number) => void
  onSearchChange: (patch: Partial<LogSearch>) => void
  onWiden: (from: string) => void
}

/** The list with its display options, in each of its states: loading, error, empty, rows. */
export function LogResults({ environmentId, range, search, data, activeIndex, gridRef, onOpen, onActiveChange, onSearchChange, onWiden }: LogResultsProps) {
  const { list, rows, loadMore } = data
  const hasFilters = search.q !== '' || search.severity.length > 0 || search.services.length > 0 || search.filters.length > 0

  let body
  if (list.isPending) body = <LogListSkeleton />
  else if (list.isError && !list.data)
    body = <ErrorState title="Could not load logs" error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
  else if (rows.length === 0)
    body = (
      <LogsEmpty
        environmentId={environmentId}
        range={range}
        services={search.services}
        hasFilters={hasFilters}
        onWiden={onWiden}
        onClearFilters={() => onSearchChange({ services: [], severity: [], q: '', filters: [] })}
      />
    )
  else
    body = (
      <LogList
        rows={rows}
        activeIndex={activeIndex}
        openUuid={search.log}
        tz={search.tz}
        wrap={search.wrap}
        busy={list.isPlaceholderData}
        onOpen={onOpen}
        onActiveChange={onActiveChange}
        onNearEnd={loadMore}
        gridRef={gridRef}
        footer={
          <ListFooter
            loaded={rows.length}
            hasMore={list.hasNextPage}
            loadingMore={list.isFetchingNextPage}
            error={list.isFetchNextPageError ? list.error : null}
            onRetry={() => void list.fetchNextPage()}
          />
        }
      />
    )

  return (
    <section aria-label="Log list" className="flex min-h-0 min-w-0 flex-1 flex-col rounded-lg border border-border bg-surface">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-3 py-1.5">
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {list.data ? `${formatCount(rows.length)} ${rows.length === 1 ? 'log' : 'logs'} loaded${list.hasNextPage ? ', more as you scroll' : ''}` : ''}
        </p>
        <ListOptions
          order={search.order}
          tz={search.tz}
          wrap={search.wrap}
          onOrderChange={(order) => onSearchChange({ order })}
          onTzChange={(tz) => onSearchChange({ tz })}
          onWrapChange={(wrap) => onSearchChange({ wrap })}
        />
      </div>
      <div className="min-h-0 flex-1">{body}</div>
      {list.isRefetchError && list.data && !list.isFetchNextPageError && (
        <p role="alert" className="border-t border-border bg-warning-soft px-3 py-1.5 text-xs">
          Could not refresh; showing the last answer. {list.error.message}
        </p>
      )}
    </section>
  )
}
