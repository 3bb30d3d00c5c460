import type { RuleResponse } from '@/contract/rules'

/** `rules` in the order of `ids`; rules the order does not name (added meanwhile) go last. */
export function inOrder(rules: readonly RuleResponse[], ids: readonly string[]): RuleResponse[] {
  const byId = new Map(rules.map((r) => [r.id, r]))
  const named = ids.flatMap((id) => byId.get(id) ?? [])
  if (named.length === rules.length) return named
  const listed = new Set(ids)
  return [...named, ...rules.filter((r) => !listed.has(r.id))]
}

/**
 * The user's order applied to the rules the server has now: rules deleted meanwhile drop out, a
 * rule added meanwhile goes right after the rule it follows on the server (first if none).
 */
export function mergeOrder(wanted: readonly string[], current: readonly string[]): string[] {
  const present = new Set(current)
  const merged = wanted.filter((id) => present.has(id))
  const known = new Set(merged)
  current.forEach((id, i) => {
    if (known.has(id)) return
    merged.splice(i === 0 ? 0 : merged.indexOf(current[i - 1]!) + 1, 0, id)
    known.add(id)
  })
  return merged
}
