import { queryOptions } from '@tanstack/react-query'
import { attributesResponseSchema, NO_SERVICE, servicesResponseSchema, valuesResponseSchema, type AttributeType } from '@/contract/logs'
import { apiClient, logsPath } from '@/lib/api-client'

/**
 * Suggestions for the editor's fields. They look at the last 7 days rather than the page's time
 * range: a rule is about the services and attributes that exist, not the ones of the last hour.
 */
const LOOKUP_RANGE = { date_from: '-7d', date_to: null }
const LOOKUP_STALE_MS = 5 * 60_000
const SUGGESTIONS = 100

export const ruleLookupQueries = {
  all: (environmentId: number) => ['rule-lookups', environmentId] as const,
  services: (environmentId: number) =>
    queryOptions({
      queryKey: [...ruleLookupQueries.all(environmentId), 'services'] as const,
      queryFn: async ({ signal }) => {
        const body = { query: { dateRange: LOOKUP_RANGE, limit: 10_000 } }
        const answer = await apiClient.post(logsPath(environmentId, 'services'), servicesResponseSchema, body, { signal })
        return answer.services.map((s) => s.service_name).filter((name) => name !== NO_SERVICE)
      },
      staleTime: LOOKUP_STALE_MS,
    }),
  attributeKeys: (environmentId: number, kind: AttributeType, search: string) =>
    queryOptions({
      queryKey: [...ruleLookupQueries.all(environmentId), 'attributes', kind, search] as const,
      queryFn: async ({ signal }) => {
        const params = { attribute_type: kind, search, limit: SUGGESTIONS, dateRange: LOOKUP_RANGE }
        const answer = await apiClient.get(logsPath(environmentId, 'attributes'), attributesResponseSchema, { params, signal })
        return answer.results.map((r) => r.name)
      },
      staleTime: LOOKUP_STALE_MS,
    }),
  attributeValues: (environmentId: number, kind: AttributeType, key: string, value: string) =>
    queryOptions({
      queryKey: [...ruleLookupQueries.all(environmentId), 'values', kind, key, value] as const,
      queryFn: async ({ signal }) => {
        const params = { key, attribute_type: kind, value, limit: SUGGESTIONS, dateRange: LOOKUP_RANGE }
        const answer = await apiClient.get(logsPath(environmentId, 'values'), valuesResponseSchema, { params, signal })
        return answer.results.map((r) => r.name)
      },
      staleTime: LOOKUP_STALE_MS,
    }),
}
