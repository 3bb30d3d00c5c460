import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ruleListSchema, type RuleResponse } from '@/contract/rules'
import { apiClient } from '@/lib/api-client'
import { ruleListMutationKey, rulePath, samplingRuleQueries } from '../api/rule-queries'

/** The rules in the order of `orderedIds` (the optimistic list). */
function inOrder(rules: RuleResponse[], orderedIds: readonly string[]): RuleResponse[] {
  const byId = new Map(rules.map((r) => [r.id, r]))
  return orderedIds.flatMap((id) => byId.get(id) ?? [])
}

/**
 * Sends the complete new order. The list shows it at once; on failure the order from before comes
 * back and a toast says why; once the last list write settles, the list is read again.
 */
export function useReorderRules(environmentId: number) {
  const queryClient = useQueryClient()
  const mutationKey = ruleListMutationKey(environmentId)
  const listKey = samplingRuleQueries.list(environmentId).queryKey

  return useMutation({
    mutationKey,
    mutationFn: (orderedIds: string[]) =>
      apiClient.post(`${rulePath(environmentId)}/reorder`, ruleListSchema, { ordered_ids: orderedIds }, { params: { limit: 1000 } }),
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
