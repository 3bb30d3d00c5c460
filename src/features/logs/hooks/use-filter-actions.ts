import { useMemo } from 'react'
import { NO_SERVICE } from '@/contract/logs'
import type { FilterLeafType } from '@/contract/query'
import { addFilter, leafFor } from '@/lib/log-filters/filter-nodes'
import type { ExplorerFilters, LogSearch } from '@/lib/log-filters/log-search'
import type { LogFilterActions } from '../components/log-details'

export type FilterBy = (key: string, type: FilterLeafType, value: string, exclude: boolean) => void

/** Turns values of a log (drawer, AI key fields) into filters in the URL. */
export function useFilterActions(filters: ExplorerFilters, update: (patch: Partial<LogSearch>) => void): LogFilterActions & { filterBy: FilterBy } {
  return useMemo(() => {
    const filterBy: FilterBy = (key, type, value, exclude) => update({ filters: addFilter(filters.filters, leafFor(key, type, value, exclude)) })
    return {
      filterBy,
      onFilterAttribute: (key, value, exclude, resource) => filterBy(key, resource ? 'log_resource_attribute' : 'log_attribute', value, exclude),
      onFilterService: (service, exclude) => {
        const name = service || NO_SERVICE
        if (!exclude) update({ services: [name] })
        else update({ services: filters.services.filter((s) => s !== name), filters: addFilter(filters.filters, leafFor('service_name', 'log', service, true)) })
      },
      onFilterField: (key, value) => filterBy(key, 'log', value, false),
      // All logs of the trace, whatever else was filtered; the time range stays.
      onShowTrace: (traceId) => update({ services: [], severity: [], q: '', filters: [leafFor('trace_id', 'log', traceId, false)] }),
    }
  }, [filters, update])
}
