import { useMutation, useQueryClient } from '@tanstack/react-query'
import { viewSchema, type View, type ViewCreate, type ViewPatch } from '@/contract/views'
import { apiClient, logsPath } from '@/lib/api-client'
import { viewQueries } from '@/lib/queries/view-queries'
import { removeView, restoreViews, snapshotViews, upsertView } from './view-cache'

/** All view mutations of an environment share one key, so the last one to settle refetches. */
const viewMutationKey = (environmentId: number) => [...viewQueries.all(environmentId), 'mutate'] as const
const viewPath = (environmentId: number, shortId: string) => logsPath(environmentId, `views/${encodeURIComponent(shortId)}`)

function useSettle(environmentId: number) {
  const queryClient = useQueryClient()
  return () => {
    if (queryClient.isMutating({ mutationKey: viewMutationKey(environmentId) }) === 1) {
      void queryClient.invalidateQueries({ queryKey: viewQueries.all(environmentId) })
    }
  }
}

/** Rename, pin/unpin, new filters: shown everywhere at once (sidebar included), rolled back on failure. */
export function useUpdateView(environmentId: number) {
  const queryClient = useQueryClient()
  const onSettled = useSettle(environmentId)
  return useMutation({
    mutationKey: viewMutationKey(environmentId),
    mutationFn: ({ view, patch }: { view: View; patch: ViewPatch }) => apiClient.patch(viewPath(environmentId, view.short_id), viewSchema, patch),
    onMutate: async ({ view, patch }) => {
      await queryClient.cancelQueries({ queryKey: viewQueries.all(environmentId) })
      const snapshot = snapshotViews(queryClient, environmentId)
      upsertView(queryClient, environmentId, {
        ...view,
        name: patch.name?.trim() ?? view.name,
        pinned: patch.pinned ?? view.pinned,
        filters: patch.filters ?? view.filters,
      })
      return { snapshot }
    },
    onError: (_error, _variables, context) => restoreViews(queryClient, context?.snapshot),
    onSuccess: (saved) => upsertView(queryClient, environmentId, saved),
    onSettled,
    meta: { errorMessage: 'Could not update the view' },
  })
}

/** Removes the view from every list at once; it comes back if the server refuses. */
export function useDeleteView(environmentId: number) {
  const queryClient = useQueryClient()
  const onSettled = useSettle(environmentId)
  return useMutation({
    mutationKey: viewMutationKey(environmentId),
    mutationFn: (view: View) => apiClient.delete(viewPath(environmentId, view.short_id)),
    onMutate: async (view) => {
      await queryClient.cancelQueries({ queryKey: viewQueries.all(environmentId) })
      const snapshot = snapshotViews(queryClient, environmentId)
      removeView(queryClient, environmentId, view.short_id)
      return { snapshot }
    },
    onError: (_error, _view, context) => restoreViews(queryClient, context?.snapshot),
    onSettled,
    meta: { errorMessage: 'Could not delete the view' },
  })
}

/** Saves a new view (also how Undo brings a deleted one back). */
export function useCreateView(environmentId: number) {
  const queryClient = useQueryClient()
  const onSettled = useSettle(environmentId)
  return useMutation({
    mutationKey: viewMutationKey(environmentId),
    mutationFn: (body: ViewCreate) => apiClient.post(logsPath(environmentId, 'views'), viewSchema, body),
    onSuccess: (created) => upsertView(queryClient, environmentId, created),
    onSettled,
    meta: { errorMessage: 'Could not save the view' },
  })
}
