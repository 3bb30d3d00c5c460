import { NO_SERVICE } from '@/contract/logs'
import { logsQuerySchema, type DateRange, type FilterGroup, type ViewFilters } from '@/contract/query'
import { DEFAULT_FROM, toDateRange, type TimeRange } from '@/lib/time-range'
import { flattenNodes, parseFilterNodes } from './filter-nodes'
import { logSearchSchema, pickExplorerFilters, type ExplorerFilters } from './log-search'

/** What the explorer sends as the contract's `query` (without paging). */
export interface ExplorerQuery {
  dateRange: DateRange
  severityLevels?: ExplorerFilters['severity']
  serviceNames?: string[]
  searchTerm?: string
  filterGroup?: FilterGroup
  orderBy: ExplorerFilters['order']
}

/**
 * `(no service)` is how answers name logs without service.name; filters may name them either way,
 * so both spellings are asked for.
 */
function serviceFilterNames(services: readonly string[]): string[] {
  return services.flatMap((service) => (service === NO_SERVICE ? [NO_SERVICE, ''] : [service]))
}

export function toExplorerQuery(filters: ExplorerFilters, range: TimeRange): ExplorerQuery {
  const q = filters.q.trim()
  return {
    dateRange: toDateRange(range),
    ...(filters.severity.length > 0 && { severityLevels: filters.severity }),
    ...(filters.services.length > 0 && { serviceNames: serviceFilterNames(filters.services) }),
    ...(q && { searchTerm: q }),
    ...(filters.filters.length > 0 && { filterGroup: { type: 'AND', values: filters.filters } }),
    orderBy: filters.order,
  }
}

/** A saved view's `filters` for this state: the query fields, keeping keys other clients stored. */
export function toViewFilters(filters: ExplorerFilters, range: TimeRange, previous: Record<string, unknown> = {}): ViewFilters {
  const rest = Object.fromEntries(
    Object.entries(previous).filter(([key]) => !(key in logsQuerySchema.shape)),
  )
  const query = toExplorerQuery(filters, range)
  return { ...rest, ...query, serviceNames: filters.services.length > 0 ? filters.services : undefined }
}

export interface AppliedView {
  filters: ExplorerFilters
  /** Null when the view does not pin a time range (the current one is kept). */
  range: TimeRange | null
}

const fields = logsQuerySchema.shape

/**
 * Reads a saved view's filters field by field, so one field another client stored in a shape we
 * do not understand does not throw away the rest.
 */
export function fromViewFilters(raw: Record<string, unknown>): AppliedView {
  const pick = <T>(result: { success: true; data: T } | { success: false }) => (result.success ? result.data : undefined)
  const severity = pick(fields.severityLevels.safeParse(raw.severityLevels)) ?? []
  const services = pick(fields.serviceNames.safeParse(raw.serviceNames)) ?? []
  const dateRange = pick(fields.dateRange.safeParse(raw.dateRange))
  const parsed = logSearchSchema.parse({
    severity,
    services: services.filter((s) => s !== ''),
    q: pick(fields.searchTerm.safeParse(raw.searchTerm)) ?? '',
    order: pick(fields.orderBy.safeParse(raw.orderBy)) ?? 'latest',
  })
  const group = raw.filterGroup
  const nodes = group === undefined || group === null ? [] : flattenNodes(parseFilterNodes([group]))
  return {
    filters: pickExplorerFilters({ ...parsed, filters: nodes }),
    range: dateRange ? { from: dateRange.date_from ?? DEFAULT_FROM, to: dateRange.date_to ?? undefined } : null,
  }
}

/** A comparable form: order of services/levels and grouping of filters do not matter. */
function canonical(filters: ExplorerFilters, range: TimeRange | null): string {
  return JSON.stringify({
    services: [...filters.services].sort(),
    severity: [...filters.severity].sort(),
    q: filters.q.trim(),
    filters: flattenNodes(filters.filters).map((node) => JSON.stringify(node)).sort(),
    order: filters.order,
    range: range && { from: range.from, to: range.to ?? null },
  })
}

/** Whether the explorer shows something else than the saved view (the time range counts when the view pins one). */
export function differsFromView(current: ExplorerFilters, currentRange: TimeRange, view: AppliedView): boolean {
  return canonical(current, view.range && currentRange) !== canonical(view.filters, view.range)
}
