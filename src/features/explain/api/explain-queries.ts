import { queryOptions } from '@tanstack/react-query'
import { explainResponseSchema } from '@/contract/explain'
import { apiClient, logsPath } from '@/lib/api-client'

export interface ExplainParams {
  environmentId: number
  uuid: string
  timestamp: string
}

/**
 * One explanation per log. Nothing asks until the user does (the panel enables the query); a
 * regeneration fetches the same key with `force_refresh`, so the panel sees one state either way.
 */
export const explainQueries = {
  all: (environmentId: number) => ['explain', environmentId] as const,
  detail: ({ environmentId, uuid, timestamp }: ExplainParams, forceRefresh = false) =>
    // `force_refresh` changes how the answer is made, not which answer it is: both fill one entry.
    // eslint-disable-next-line @tanstack/query/exhaustive-deps
    queryOptions({
      queryKey: [...explainQueries.all(environmentId), uuid, timestamp] as const,
      queryFn: ({ signal }) =>
        apiClient.post(logsPath(environmentId, 'explainLogWithAI'), explainResponseSchema, { uuid, timestamp, force_refresh: forceRefresh }, { signal }),
      // The server caches for an hour; an answer does not go stale by itself, and a failure is the user's to retry.
      staleTime: Infinity,
      gcTime: 60 * 60_000,
      retry: false,
    }),
}
