import { useQuery } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { ErrorState } from '@/components/error-state'
import { PageHeader } from '@/components/page-header'
import { NO_SERVICE } from '@/contract/logs'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { describeTimeRange } from '@/lib/time-range'
import { servicesQueries } from '../api/services-queries'
import { useAutoRefresh } from '../hooks/use-auto-refresh'
import { useSortedServices } from '../hooks/use-sorted-services'
import type { ServiceSortKey } from '../search-schema'
import { AutoRefreshToggle } from './auto-refresh-toggle'
import { NoServiceNote } from './no-service-note'
import { RefreshFailedBanner } from './refresh-failed-banner'
import { ServicesEmpty } from './services-empty'
import { ServicesNoMatch } from './services-no-match'
import { ServicesSearch } from './services-search'
import { ServicesSkeleton } from './services-skeleton'
import { ServicesSummary } from './services-summary'
import { ServicesTable } from './services-table'

const route = getRouteApi('/services')

export function ServicesPage() {
  const { environmentId, range } = useGlobalSearch()
  const { q, sort, dir, live } = route.useSearch()
  const navigate = route.useNavigate()
  const services = useQuery({
    ...servicesQueries.list({ environmentId, range, search: q }),
    // Keep the old rows on screen while a new search or range loads, but never another environment's.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === environmentId ? previous : undefined),
  })
  const rows = useSortedServices(services.data?.services, sort, dir)
  const paused = useAutoRefresh(live, environmentId, Math.max(services.dataUpdatedAt, services.errorUpdatedAt))

  const onSort = (column: ServiceSortKey) => {
    const nextDir = column === sort ? (dir === 'asc' ? 'desc' : 'asc') : column === 'service_name' ? 'asc' : 'desc'
    void navigate({ search: (prev) => ({ ...prev, sort: column, dir: nextDir }) })
  }
  const setSearch = (next: string) => void navigate({ search: (prev) => ({ ...prev, q: next }), replace: true })

  let body
  if (services.isPending) body = <ServicesSkeleton sort={sort} dir={dir} onSort={onSort} />
  else if (services.isError && !services.data)
    body = (
      <ErrorState title="Could not load services" error={services.error} onRetry={() => void services.refetch()} retrying={services.isFetching} />
    )
  else if (services.data.services.length === 0)
    body = q ? <ServicesNoMatch search={q} onClear={() => setSearch('')} /> : <ServicesEmpty range={range} />
  else
    body = (
      <ServicesTable
        rows={rows}
        sort={sort}
        dir={dir}
        onSort={onSort}
        environmentId={environmentId}
        range={range}
        busy={services.isPlaceholderData}
      />
    )

  return (
    <div className="flex h-full min-h-[32rem] flex-col gap-4 p-6">
      <PageHeader
        title="Services"
        actions={
          <AutoRefreshToggle
            enabled={live}
            onChange={(next) => void navigate({ search: (prev) => ({ ...prev, live: next }) })}
            paused={paused}
            updatedAt={services.dataUpdatedAt}
          />
        }
      >
        <ServicesSummary windowLabel={describeTimeRange(range)} data={services.data} search={q} />
      </PageHeader>
      <ServicesSearch value={q} onSearch={setSearch} />
      {services.isRefetchError && services.data && (
        <RefreshFailedBanner error={services.error} onRetry={() => void services.refetch()} />
      )}
      <section aria-label="Service list" className="min-h-0 flex-1 rounded-lg border border-border bg-surface">
        {body}
      </section>
      {rows.some((row) => row.service_name === NO_SERVICE) && <NoServiceNote />}
    </div>
  )
}
