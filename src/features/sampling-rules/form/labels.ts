import type { PredicateOp, RuleResponse, RuleType, ScopeAttributeOp } from '@/contract/rules'

export const ruleTypeLabels: Record<RuleType, string> = {
  severity_sampling: 'Severity sampling',
  path_drop: 'Path drop',
  rate_limit: 'Rate limit',
}

export const ruleTypeHints: Record<RuleType, string> = {
  severity_sampling: 'Keep, sample or drop each level; always keep errors or slow requests.',
  path_drop: 'Drop logs whose path (or an attribute) matches a pattern, like health checks.',
  rate_limit: 'Cap a noisy source at so many logs or kilobytes per second.',
}

export const scopeOpLabels: Record<ScopeAttributeOp, string> = {
  eq: 'equals',
  ne: 'does not equal',
  exists: 'is set',
  not_exists: 'is not set',
  regex: 'matches regex',
}

export const predicateOpLabels: Record<PredicateOp, string> = { exists: 'is set', eq: 'equals', ne: 'does not equal' }

/** "service checkout · path ~ ^/api · 2 attribute filters", or "All logs". */
export function scopeSummary(rule: Pick<RuleResponse, 'scope_service' | 'scope_path_pattern' | 'scope_attribute_filters'>): string {
  const parts: string[] = []
  if (rule.scope_service !== null) parts.push(`service ${rule.scope_service}`)
  if (rule.scope_path_pattern !== null) parts.push(`path ~ ${rule.scope_path_pattern}`)
  const n = rule.scope_attribute_filters.length
  if (n > 0) parts.push(`${n} attribute ${n === 1 ? 'filter' : 'filters'}`)
  return parts.length ? parts.join(' · ') : 'All logs'
}
