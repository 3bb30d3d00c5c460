import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { RuleResponse } from '@/contract/rules'
import { toast } from '@/components/ui/toast-store'
import { apiClient } from '@/lib/api-client'
import { ruleListMutationKey, rulePath, samplingRuleQueries } from '../api/rule-queries'

/** Deletes a rule (after the caller has asked); the list loses it and a toast names it. */
export function useDeleteRule(environmentId: number) {
  const queryClient = useQueryClient()
  const listKey = samplingRuleQueries.list(environmentId).queryKey
  return useMutation({
    mutationKey: ruleListMutationKey(environmentId),
    mutationFn: (rule: RuleResponse) => apiClient.delete(rulePath(environmentId, rule.id)),
    onSuccess: (_data, rule) => {
      queryClient.setQueryData(listKey, (rules) => rules?.filter((r) => r.id !== rule.id))
      queryClient.removeQueries({ queryKey: samplingRuleQueries.detail(environmentId, rule.id).queryKey })
      toast.success(`Deleted “${rule.name}”`)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: samplingRuleQueries.list(environmentId).queryKey }),
    meta: { errorMessage: 'Could not delete the rule' },
  })
}
