import { queryOptions } from '@tanstack/react-query'
import { viewListSchema } from '@/contract/views'
import { apiClient, logsPath } from '@/lib/api-client'

/**
 * Saved views are read by the shell (pinned views in the sidebar) and by the views pages, so their
 * query factory is shared. Invalidate `viewQueries.all(env)` after any view mutation.
 */
export const viewQueries = {
  all: (environmentId: number) => ['views', environmentId] as const,
  pinned: (environmentId: number) =>
    queryOptions({
      queryKey: [...viewQueries.all(environmentId), 'list', { pinned: true }] as const,
      queryFn: ({ signal }) =>
        apiClient.get(logsPath(environmentId, 'views'), viewListSchema, { params: { pinned: 'true' }, signal }),
    }),
}
