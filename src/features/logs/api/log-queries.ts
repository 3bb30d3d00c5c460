import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { logsQueryResponseSchema, sparklineResponseSchema } from '@/contract/logs'
import { ruleListSchema } from '@/contract/rules'
import { apiClient, logsPath } from '@/lib/api-client'
import { toExplorerQuery } from '@/lib/log-filters/log-query'
import type { ExplorerFilters } from '@/lib/log-filters/log-search'
import { resolveTimeRange, type TimeRange } from '@/lib/time-range'
import { fetchAttributeKeys, fetchAttributeValues, type AttributeKeyParams, type AttributeValueParams } from './attribute-requests'
import { shapeVolume } from './shape-volume'

/** Rows per `POST logs/query` page; the list asks for the next page as the end scrolls into view. */
const LOG_PAGE_SIZE = 100

export interface LogListParams {
  environmentId: number
  range: TimeRange
  filters: ExplorerFilters
}

export interface LogAtParams {
  environmentId: number
  uuid: string
  timestamp: string
}

export const logQueries = {
  all: (environmentId: number) => ['logs', environmentId] as const,
  list: ({ environmentId, range, filters }: LogListParams) =>
    infiniteQueryOptions({
      queryKey: [...logQueries.all(environmentId), 'list', { range, filters }] as const,
      queryFn: ({ pageParam, signal }) =>
        apiClient.post(
          logsPath(environmentId, 'query'),
          logsQueryResponseSchema,
          { query: { ...toExplorerQuery(filters, range), limit: LOG_PAGE_SIZE, ...(pageParam && { after: pageParam }) } },
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => (last.hasMore && last.nextCursor ? last.nextCursor : undefined),
    }),
  /** Volume by severity over the window; the list's order does not change it. */
  volume: ({ environmentId, range, filters }: LogListParams) =>
    queryOptions({
      queryKey: [...logQueries.all(environmentId), 'volume', { range, filters: { ...filters, order: 'latest' } }] as const,
      queryFn: async ({ signal }) => {
        const requestedAt = Date.now()
        const { orderBy: _orderBy, ...query } = toExplorerQuery(filters, range)
        const response = await apiClient.post(
          logsPath(environmentId, 'sparkline'),
          sparklineResponseSchema,
          { query: { ...query, sparklineBreakdownBy: 'severity' } },
          { signal },
        )
        return shapeVolume(response.results, resolveTimeRange(range, requestedAt))
      },
    }),
  /**
   * One log by uuid and timestamp (a shared link to it): the API has no lookup by id, so this asks
   * for the logs of that exact millisecond and picks it out.
   */
  at: ({ environmentId, uuid, timestamp }: LogAtParams) =>
    queryOptions({
      queryKey: [...logQueries.all(environmentId), 'at', uuid, timestamp] as const,
      queryFn: async ({ signal }) => {
        const ms = Date.parse(timestamp)
        const response = await apiClient.post(
          logsPath(environmentId, 'query'),
          logsQueryResponseSchema,
          { query: { dateRange: { date_from: new Date(ms).toISOString(), date_to: new Date(ms + 1).toISOString() }, limit: 1000 } },
          { signal },
        )
        return response.results.find((row) => row.uuid === uuid) ?? null
      },
      staleTime: Infinity,
    }),
  attributeKeys: (params: AttributeKeyParams) =>
    queryOptions({
      queryKey: [...logQueries.all(params.environmentId), 'attribute-keys', params] as const,
      queryFn: ({ signal }) => fetchAttributeKeys(params, signal),
      staleTime: 60_000,
    }),
  attributeValues: (params: AttributeValueParams) =>
    queryOptions({
      queryKey: [...logQueries.all(params.environmentId), 'attribute-values', params] as const,
      queryFn: ({ signal }) => fetchAttributeValues(params, signal),
      staleTime: 60_000,
    }),
  /** Enabled sampling rules that can drop logs of these services (all services when none is given). */
  droppingRules: (environmentId: number, services: readonly string[]) =>
    queryOptions({
      queryKey: [...logQueries.all(environmentId), 'dropping-rules', services] as const,
      queryFn: async ({ signal }) => {
        const rules = await apiClient.get(logsPath(environmentId, 'sampling_rules'), ruleListSchema, { params: { limit: 1000 }, signal })
        return rules.results.filter(
          (rule) => rule.enabled && (rule.scope_service === null || services.length === 0 || services.includes(rule.scope_service)),
        )
      },
    }),
}
