import { queryOptions, skipToken } from '@tanstack/react-query'
import { ruleListSchema, ruleSchema, simulateResponseSchema, type RuleDraft, type RuleResponse } from '@/contract/rules'
import { apiClient, logsPath } from '@/lib/api-client'

/** The API's page maximum: one request for any realistic number of rules. */
const PAGE_LIMIT = 1000

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** A draft without what does not change an estimate: its name, its switch and its place. */
export type PreviewDraft = DistributiveOmit<RuleDraft, 'name' | 'enabled' | 'priority'>

/** What the editor sends to `POST simulate`: the draft, where it would run, and the window. */
export type DraftSimulateRequest = PreviewDraft & {
  position?: number
  date_from: string
}

export const rulePath = (environmentId: number, id?: string) =>
  logsPath(environmentId, id === undefined ? 'sampling_rules' : `sampling_rules/${encodeURIComponent(id)}`)

/** Every rule of the environment in evaluation order; a reorder must name them all, so every page is read. */
export async function fetchAllRules(environmentId: number, signal?: AbortSignal): Promise<RuleResponse[]> {
  const rules: RuleResponse[] = []
  for (;;) {
    const page = await apiClient.get(rulePath(environmentId), ruleListSchema, { params: { limit: PAGE_LIMIT, offset: rules.length }, signal })
    rules.push(...page.results)
    if (page.results.length === 0 || page.next === null || rules.length >= page.count) return rules
  }
}

export const samplingRuleQueries = {
  /** Everything about the rules of one environment: lists, details and estimates. */
  all: (environmentId: number) => ['sampling-rules', environmentId] as const,
  list: (environmentId: number) =>
    queryOptions({
      queryKey: [...samplingRuleQueries.all(environmentId), 'list'] as const,
      queryFn: ({ signal }) => fetchAllRules(environmentId, signal),
    }),
  detail: (environmentId: number, id: string) =>
    queryOptions({
      queryKey: [...samplingRuleQueries.all(environmentId), 'detail', id] as const,
      queryFn: ({ signal }) => apiClient.get(rulePath(environmentId, id), ruleSchema, { signal }),
    }),
  /** The editor's live preview of an unsaved draft; null (an invalid draft) asks nothing. */
  simulateDraft: (environmentId: number, body: DraftSimulateRequest | null) =>
    queryOptions({
      queryKey: [...samplingRuleQueries.all(environmentId), 'simulate', body] as const,
      queryFn:
        body === null
          ? skipToken
          : ({ signal }) => apiClient.post(`${rulePath(environmentId)}/simulate`, simulateResponseSchema, body, { signal }),
      staleTime: 60_000,
    }),
  /** A saved rule's estimate over the last 24 h, asked right before enabling it. */
  simulateSaved: (environmentId: number, id: string) =>
    queryOptions({
      queryKey: [...samplingRuleQueries.all(environmentId), 'simulate-saved', id] as const,
      queryFn: ({ signal }) => apiClient.post(`${rulePath(environmentId, id)}/simulate`, simulateResponseSchema, {}, { signal }),
      staleTime: 0,
    }),
}

/** Writes that change the list (reorder, enable) share this key, so only the last one to settle refetches. */
export const ruleListMutationKey = (environmentId: number) => [...samplingRuleQueries.all(environmentId), 'list-write'] as const
