import { isFilterGroup, type FilterGroup, type FilterLeaf } from '@/contract/query'
import { sampledLevels, type AlwaysKeep, type Rule } from '@/contract/rules'
import {
  emptyAlwaysKeep,
  emptyFilterGroup,
  newRuleValues,
  rowId,
  type AlwaysKeepForm,
  type FilterGroupForm,
  type RuleFormValues,
} from './form-values'

const text = (n: number | undefined) => (n === undefined ? '' : String(n))

/** 0.1 → "10"; four decimals of a fraction survive as two of a percentage. */
export const rateToPct = (rate: number | undefined) => (rate === undefined ? '' : String(Math.round(rate * 1_000_000) / 10_000))

const isScalar = (v: FilterLeaf['value']) => v === undefined || v === null || typeof v === 'string' || typeof v === 'number'

/**
 * A stored filter group in the row editor when it is one level of conditions (a group wrapping a
 * single group is unwrapped: it means the same); anything deeper, or any-of value lists, is edited
 * as JSON so nothing is lost.
 */
export function groupToForm(group: FilterGroup | undefined): FilterGroupForm {
  if (!group) return emptyFilterGroup()
  const only = group.values.length === 1 ? group.values[0] : undefined
  const flat = only && isFilterGroup(only) ? only : group
  const leaves = flat.values.filter((v): v is FilterLeaf => !isFilterGroup(v))
  if (leaves.length !== flat.values.length || !leaves.every((leaf) => isScalar(leaf.value))) {
    return { mode: 'json', json: JSON.stringify(group, null, 2) }
  }
  return {
    mode: 'rows',
    type: flat.type,
    rows: leaves.map((leaf) => ({ id: rowId(), type: leaf.type, key: leaf.key, operator: leaf.operator, value: leaf.value == null ? '' : String(leaf.value) })),
  }
}

function alwaysKeepToForm(keep: AlwaysKeep | undefined): AlwaysKeepForm {
  if (!keep) return emptyAlwaysKeep()
  return {
    status_gte: text(keep.status_gte),
    latency_ms_gt: text(keep.latency_ms_gt),
    predicates: (keep.attribute_predicates ?? []).map((p) => ({ id: rowId(), key: p.key, op: p.op, value: p.value ?? '' })),
  }
}

/** The editor's state for a stored rule; the other types' configs keep their defaults. */
export function ruleToForm(rule: Rule): RuleFormValues {
  const values: RuleFormValues = {
    ...newRuleValues(),
    name: rule.name,
    enabled: rule.enabled,
    rule_type: rule.rule_type,
    scope_service: rule.scope_service ?? '',
    scope_path_pattern: rule.scope_path_pattern ?? '',
    scope_attribute_filters: rule.scope_attribute_filters.map((f) => ({ id: rowId(), key: f.key, op: f.op, value: f.value ?? '' })),
  }
  switch (rule.rule_type) {
    case 'severity_sampling': {
      const { actions, always_keep } = rule.config
      values.severity_sampling = {
        actions: Object.fromEntries(
          sampledLevels.map((level) => [level, { type: actions[level]?.type ?? 'keep', ratePct: rateToPct(actions[level]?.rate) }]),
        ) as RuleFormValues['severity_sampling']['actions'],
        always_keep: alwaysKeepToForm(always_keep),
      }
      break
    }
    case 'path_drop': {
      const c = rule.config
      values.path_drop = {
        patterns: (c.patterns ?? []).join('\n'),
        match: c.match_attribute_key === undefined ? 'path' : 'attribute',
        match_attribute_key: c.match_attribute_key ?? '',
        filter_group: groupToForm(c.filter_group),
        always_keep: alwaysKeepToForm(c.always_keep),
      }
      break
    }
    case 'rate_limit': {
      const c = rule.config
      const byKb = c.logs_per_second === undefined && c.kb_per_second !== undefined
      values.rate_limit = {
        unit: byKb ? 'kb' : 'logs',
        rate: text(byKb ? c.kb_per_second : c.logs_per_second),
        burst: text(byKb ? c.burst_kb : c.burst_logs),
        filter_group: groupToForm(c.filter_group),
      }
      break
    }
  }
  return values
}
