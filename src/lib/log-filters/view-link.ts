import { fromViewFilters } from './log-query'
import { servicesParamValue } from './log-search'

/**
 * Search params that open a saved view as it was saved: its filters, and its time range when it
 * pins one (`to` is set even when empty, so the current absolute end is not carried over).
 */
export function viewLinkSearch(filters: Record<string, unknown>) {
  const applied = fromViewFilters(filters)
  return {
    ...applied.filters,
    services: servicesParamValue(applied.filters.services),
    ...(applied.range && { from: applied.range.from, to: applied.range.to }),
    log: undefined,
    logTs: undefined,
  }
}
