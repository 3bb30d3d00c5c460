import type { RuleDraft, RuleResponse } from '@/contract/rules'
import { ruleTypeLabels } from './labels'

/** One field that differs between the version the editor loaded and the one now on the server. */
export interface RuleChange {
  label: string
  before: string
  theirs: string
  /** What this editor would save; null for fields it does not edit (the position). */
  mine: string | null
}

type Comparable = Pick<RuleDraft, 'name' | 'enabled' | 'rule_type' | 'scope_service' | 'scope_path_pattern' | 'scope_attribute_filters' | 'config'>

const show = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return '—'
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(', ')
  return JSON.stringify(value)
}

/** Field label → readable value; config is spelled out leaf by leaf ("Config › actions › DEBUG › type"). */
function flatten(rule: Comparable): Map<string, string> {
  const out = new Map<string, string>([
    ['Name', rule.name],
    ['Enabled', rule.enabled ? 'On' : 'Off'],
    ['Type', ruleTypeLabels[rule.rule_type]],
    ['Service', rule.scope_service ?? 'All services'],
    ['Path pattern', show(rule.scope_path_pattern)],
    ['Attribute filters', rule.scope_attribute_filters.map((f) => `${f.key} ${f.op}${f.value === undefined ? '' : ` ${f.value}`}`).join('; ') || '—'],
  ])
  const walk = (value: unknown, label: string) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !('values' in value)) {
      for (const [k, v] of Object.entries(value)) walk(v, `${label} › ${k}`)
    } else out.set(label, show(value))
  }
  walk(rule.config, 'Config')
  return out
}

/** What changed on the server since `before` was loaded, with this editor's value next to it. */
export function describeConflict(before: RuleResponse, theirs: RuleResponse, mine: Comparable): RuleChange[] {
  const a = flatten(before)
  const b = flatten(theirs)
  const m = flatten(mine)
  const changes: RuleChange[] = []
  if (before.priority !== theirs.priority) {
    changes.push({ label: 'Priority (evaluation order)', before: show(before.priority), theirs: show(theirs.priority), mine: null })
  }
  for (const label of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(label) ?? '—'
    const now = b.get(label) ?? '—'
    if (was !== now) changes.push({ label, before: was, theirs: now, mine: m.get(label) ?? '—' })
  }
  return changes
}
