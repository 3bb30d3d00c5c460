import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ruleSchema, type RuleDraft, type RuleResponse } from '@/contract/rules'
import { apiClient, isApiError } from '@/lib/api-client'
import { rulePath, samplingRuleQueries } from '../api/rule-queries'

export type SaveOutcome = { kind: 'saved'; rule: RuleResponse } | { kind: 'conflict'; theirs: RuleResponse }

interface SaveVariables {
  draft: RuleDraft
  /** The version this edit started from; the server refuses the write (409) when it moved on. */
  version?: number
}

/**
 * Creates (`id` undefined) or updates a rule. An update carries the loaded version and leaves the
 * rule's place in the order alone. A 409 is not an error to toast but a decision for the user: the
 * outcome then holds the rule as it is on the server now.
 */
export function useSaveRule(environmentId: number, id: string | undefined) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ draft, version }: SaveVariables): Promise<SaveOutcome> => {
      if (id === undefined) return { kind: 'saved', rule: await apiClient.post(rulePath(environmentId), ruleSchema, draft) }
      const { priority: _priority, ...fields } = draft
      try {
        return { kind: 'saved', rule: await apiClient.patch(rulePath(environmentId, id), ruleSchema, { ...fields, version }) }
      } catch (error) {
        if (!isApiError(error) || error.status !== 409) throw error
        const theirs = await queryClient.fetchQuery({ ...samplingRuleQueries.detail(environmentId, id), staleTime: 0 })
        return { kind: 'conflict', theirs }
      }
    },
    onSuccess: (outcome) => {
      const rule = outcome.kind === 'saved' ? outcome.rule : outcome.theirs
      queryClient.setQueryData(samplingRuleQueries.detail(environmentId, rule.id).queryKey, rule)
      if (outcome.kind === 'saved') void queryClient.invalidateQueries({ queryKey: samplingRuleQueries.list(environmentId).queryKey })
    },
    meta: { errorMessage: 'Could not save the rule' },
  })
}
