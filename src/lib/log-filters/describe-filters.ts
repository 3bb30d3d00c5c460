import { describeTimeRange, type TimeRange } from '@/lib/time-range'
import { describeNode } from './filter-nodes'
import type { ExplorerFilters } from './log-search'

/**
 * A readable summary of the explorer's filters, one part per concern:
 * `Last 24 hours · error, warn · services checkout, search · body contains "timeout" · http.route = /health`.
 */
export function describeFilters(filters: ExplorerFilters, range: TimeRange | null): string[] {
  const parts: string[] = []
  if (range) parts.push(describeTimeRange(range))
  if (filters.severity.length > 0) parts.push(`${filters.severity.join(', ')} only`)
  if (filters.services.length > 0) {
    parts.push(`${filters.services.length === 1 ? 'service' : 'services'} ${filters.services.join(', ')}`)
  }
  const q = filters.q.trim()
  if (q) parts.push(`body contains "${q}"`)
  parts.push(...filters.filters.map(describeNode))
  if (filters.order === 'earliest') parts.push('oldest first')
  return parts
}

export function summariseFilters(filters: ExplorerFilters, range: TimeRange | null): string {
  const parts = describeFilters(filters, range)
  return parts.length > 0 ? parts.join(' · ') : 'All logs'
}
