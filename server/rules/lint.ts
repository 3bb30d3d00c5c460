import type { Rule, RuleWarning, ScopeAttributeFilter } from '../../src/contract/rules'
import { compareRules } from './engine'

/**
 * Warnings for the rules list. The shadow check is pure and conservative: it warns only when an
 * earlier enabled rule provably decides every log this rule's scope admits, so a warning is never
 * a false alarm (some shadowed rules go unreported). The data-driven warnings are computed by the
 * store layer; their wording lives here so every warning reads alike.
 */

/** A disabled rule matched nothing by definition; for it the warning says what it would have matched. */
export function noMatchesWarning(enabled: boolean): RuleWarning {
  return enabled
    ? { code: 'no_matches_24h', message: 'Matched no logs in the last 24 hours.' }
    : { code: 'no_matches_24h', message: 'Disabled, and would match none of the logs stored in the last 24 hours.' }
}

export function unknownServiceWarning(service: string): RuleWarning {
  return {
    code: 'unknown_service',
    message: `No logs from service "${service}" in the last 24 hours: check the scope's service name.`,
  }
}

function shadowedWarning(by: Rule): RuleWarning {
  return {
    code: 'shadowed',
    message: `Never applies: "${by.name}" runs earlier and decides every log in this rule's scope.`,
  }
}

/** Whether a rule resolves every log in its scope (so nothing in scope reaches later rules). */
function alwaysResolves(rule: Rule): boolean {
  switch (rule.rule_type) {
    case 'severity_sampling':
      return true
    case 'rate_limit':
      return !rule.config.filter_group
    case 'path_drop':
      return false
  }
}

/** Whether filter `a` holds for every log that passes filter `b`. */
function implies(b: ScopeAttributeFilter, a: ScopeAttributeFilter): boolean {
  if (a.key !== b.key) return false
  if (a.op === b.op && a.value === b.value) return true
  // An eq or regex on a key only passes when the key is present.
  return a.op === 'exists' && (b.op === 'eq' || b.op === 'regex')
}

/** Whether every log in `later`'s scope is also in `earlier`'s. */
function scopeCovers(earlier: Rule, later: Rule): boolean {
  if (earlier.scope_service !== null && earlier.scope_service !== later.scope_service) return false
  if (earlier.scope_path_pattern !== null && earlier.scope_path_pattern !== later.scope_path_pattern) return false
  return earlier.scope_attribute_filters.every((a) => later.scope_attribute_filters.some((b) => implies(b, a)))
}

/**
 * Per rule id, a `shadowed` warning when an earlier enabled rule decides every log the rule could
 * see. Disabled rules are checked too: enabling one would not make it apply.
 */
export function shadowWarnings(rules: readonly Rule[]): Map<string, RuleWarning> {
  const ordered = [...rules].sort(compareRules)
  const warnings = new Map<string, RuleWarning>()
  ordered.forEach((rule, i) => {
    const by = ordered.slice(0, i).find((earlier) => earlier.enabled && alwaysResolves(earlier) && scopeCovers(earlier, rule))
    if (by) warnings.set(rule.id, shadowedWarning(by))
  })
  return warnings
}
