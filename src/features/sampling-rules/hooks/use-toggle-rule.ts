import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ruleSchema } from '@/contract/rules'
import { apiClient } from '@/lib/api-client'
import { ruleListMutationKey, rulePath, samplingRuleQueries } from '../api/rule-queries'

interface ToggleVariables {
  id: string
  enabled: boolean
}

/** Flips a rule's switch optimistically; a failure puts that one switch back (other flips stay). */
export function useToggleRule(environmentId: number) {
  const queryClient = useQueryClient()
  const mutationKey = ruleListMutationKey(environmentId)
  const listKey = samplingRuleQueries.list(environmentId).queryKey
  const setEnabled = (id: string, enabled: boolean) =>
    queryClient.setQueryData(listKey, (rules) => rules?.map((r) => (r.id === id ? { ...r, enabled } : r)))

  return useMutation({
    mutationKey,
    mutationFn: ({ id, enabled }: ToggleVariables) => apiClient.patch(rulePath(environmentId, id), ruleSchema, { enabled }),
    onMutate: async ({ id, enabled }) => {
      await queryClient.cancelQueries({ queryKey: listKey })
      setEnabled(id, enabled)
    },
    onError: (_error, { id, enabled }) => setEnabled(id, !enabled),
    onSuccess: (rule) => {
      queryClient.setQueryData(listKey, (rules) => rules?.map((r) => (r.id === rule.id ? rule : r)))
      queryClient.setQueryData(samplingRuleQueries.detail(environmentId, rule.id).queryKey, rule)
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey }) === 1) void queryClient.invalidateQueries({ queryKey: samplingRuleQueries.all(environmentId) })
    },
    meta: { errorMessage: 'Could not switch the rule; it is back as it was' },
  })
}
