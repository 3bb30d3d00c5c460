import { queryOptions } from '@tanstack/react-query'
import { BACKEND_INFO_PATH, backendInfoSchema } from '@/contract/backend'
import { apiClient } from '@/lib/api-client'

/**
 * Which backend the server fronts (its embedded store or a PostHog host) and its default
 * environment. The server decides this at start-up, so the answer is fetched once and kept.
 */
export const backendQueries = {
  info: () =>
    queryOptions({
      queryKey: ['backend'] as const,
      queryFn: ({ signal }) => apiClient.get(BACKEND_INFO_PATH, backendInfoSchema, { signal }),
      staleTime: Infinity,
      gcTime: Infinity,
    }),
}
