import { queryOptions } from '@tanstack/react-query'
import { viewListSchema, viewSchema } from '@/contract/views'
import { apiClient, logsPath } from '@/lib/api-client'

/** The views page lists this many (the API's maximum page). */
const VIEW_LIST_LIMIT = 1000

/**
 * Saved views are read by the shell (pinned views in the sidebar) and by the views pages, so their
 * query factory is shared. Every list lives under `viewQueries.lists(env)`, so a mutation can update
 * them all at once; invalidate `viewQueries.all(env)` after any view mutation.
 */
export const viewQueries = {
  all: (environmentId: number) => ['views', environmentId] as const,
  lists: (environmentId: number) => [...viewQueries.all(environmentId), 'list'] as const,
  list: (environmentId: number) =>
    queryOptions({
      queryKey: [...viewQueries.lists(environmentId), { pinned: false }] as const,
      queryFn: ({ signal }) =>
        apiClient.get(logsPath(environmentId, 'views'), viewListSchema, { params: { limit: VIEW_LIST_LIMIT }, signal }),
    }),
  pinned: (environmentId: number) =>
    queryOptions({
      queryKey: [...viewQueries.lists(environmentId), { pinned: true }] as const,
      queryFn: ({ signal }) =>
        apiClient.get(logsPath(environmentId, 'views'), viewListSchema, { params: { pinned: 'true' }, signal }),
    }),
  detail: (environmentId: number, shortId: string) =>
    queryOptions({
      queryKey: [...viewQueries.all(environmentId), 'detail', shortId] as const,
      queryFn: ({ signal }) => apiClient.get(logsPath(environmentId, `views/${encodeURIComponent(shortId)}`), viewSchema, { signal }),
    }),
}
