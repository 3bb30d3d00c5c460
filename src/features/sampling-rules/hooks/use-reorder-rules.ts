import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ruleListSchema } from '@/contract/rules'
import { apiClient, isApiError } from '@/lib/api-client'
import { fetchAllRules, ruleListMutationKey, rulePath, samplingRuleQueries } from '../api/rule-queries'
import { inOrder, mergeOrder } from '../rule-order'

/**
 * Sends the complete new order. The list shows it at once; on failure the order from before comes
 * back and a toast says why; once the last list write settles, the list is read again.
 * A 400 without `attr` means the order no longer names every rule (another user added or deleted
 * one): the move is applied to the current list and sent again, once.
 */
export function useReorderRules(environmentId: number) {
  const queryClient = useQueryClient()
  const mutationKey = ruleListMutationKey(environmentId)
  const listKey = samplingRuleQueries.list(environmentId).queryKey

  return useMutation({
    mutationKey,
    mutationFn: async (orderedIds: string[]) => {
      const send = (ids: string[]) =>
        apiClient.post(`${rulePath(environmentId)}/reorder`, ruleListSchema, { ordered_ids: ids }, { params: { limit: 1000 } })
      try {
        return await send(orderedIds)
      } catch (error) {
        // Someone added or deleted a rule since the list was read: apply the same move to today's list, once.
        if (!isApiError(error) || error.status !== 400 || error.attr !== null) throw error
        return send(mergeOrder(orderedIds, (await fetchAllRules(environmentId)).map((r) => r.id)))
      }
    },
    onMutate: async (orderedIds) => {
      await queryClient.cancelQueries({ queryKey: listKey })
      const previous = queryClient.getQueryData(listKey)
      queryClient.setQueryData(listKey, (rules) => rules && inOrder(rules, orderedIds))
      return { previous }
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(listKey, context.previous)
    },
    onSuccess: (page) => {
      // Every version went up; take the server's list when it is complete.
      if (page.results.length === page.count) queryClient.setQueryData(listKey, page.results)
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey }) === 1) void queryClient.invalidateQueries({ queryKey: samplingRuleQueries.all(environmentId) })
    },
    meta: { errorMessage: 'Could not reorder the rules; the previous order is back' },
  })
}
