import type { FilterLeafType, FilterOperator } from '@/contract/query'
import type { PredicateOp, RuleType, SampledLevel, ScopeAttributeOp } from '@/contract/rules'

/**
 * The editor's state: what the inputs hold (text, as typed), one config per rule type so switching
 * type and back loses nothing. `to-draft.ts` turns it into a contract draft; `from-rule.ts` builds
 * it from a stored rule. Rows carry an `id` only for React keys.
 */

export type ActionType = 'keep' | 'sample' | 'drop'

export interface ScopeFilterRow {
  id: string
  key: string
  op: ScopeAttributeOp
  value: string
}

export interface PredicateRow {
  id: string
  key: string
  op: PredicateOp
  value: string
}

export interface FilterRow {
  id: string
  type: FilterLeafType
  key: string
  operator: FilterOperator
  value: string
}

/** A filter group the row editor can show (one level of conditions), or the JSON of one it cannot. */
export type FilterGroupForm = { mode: 'rows'; type: 'AND' | 'OR'; rows: FilterRow[] } | { mode: 'json'; json: string }

export interface AlwaysKeepForm {
  status_gte: string
  latency_ms_gt: string
  predicates: PredicateRow[]
}

export interface SeverityForm {
  actions: Record<SampledLevel, { type: ActionType; ratePct: string }>
  always_keep: AlwaysKeepForm
}

export interface PathDropForm {
  /** One regex per line. */
  patterns: string
  match: 'path' | 'attribute'
  match_attribute_key: string
  filter_group: FilterGroupForm
  always_keep: AlwaysKeepForm
}

export interface RateLimitForm {
  unit: 'logs' | 'kb'
  rate: string
  /** Empty: the server's default (3× the rate). */
  burst: string
  filter_group: FilterGroupForm
}

export interface RuleFormValues {
  name: string
  enabled: boolean
  rule_type: RuleType
  scope_service: string
  scope_path_pattern: string
  scope_attribute_filters: ScopeFilterRow[]
  severity_sampling: SeverityForm
  path_drop: PathDropForm
  rate_limit: RateLimitForm
}

let nextRowId = 0
export const rowId = () => `row-${++nextRowId}`

export const emptyFilterGroup = (): FilterGroupForm => ({ mode: 'rows', type: 'AND', rows: [] })
export const emptyAlwaysKeep = (): AlwaysKeepForm => ({ status_gte: '', latency_ms_gt: '', predicates: [] })

/** A new rule: a disabled severity sampling rule that drops DEBUG and keeps 10 % of INFO. */
export function newRuleValues(): RuleFormValues {
  return {
    name: '',
    enabled: false,
    rule_type: 'severity_sampling',
    scope_service: '',
    scope_path_pattern: '',
    scope_attribute_filters: [],
    severity_sampling: {
      actions: {
        DEBUG: { type: 'drop', ratePct: '' },
        INFO: { type: 'sample', ratePct: '10' },
        WARN: { type: 'keep', ratePct: '' },
        ERROR: { type: 'keep', ratePct: '' },
      },
      always_keep: emptyAlwaysKeep(),
    },
    path_drop: { patterns: '', match: 'path', match_attribute_key: '', filter_group: emptyFilterGroup(), always_keep: emptyAlwaysKeep() },
    rate_limit: { unit: 'logs', rate: '', burst: '', filter_group: emptyFilterGroup() },
  }
}
