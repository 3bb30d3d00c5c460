import { isFilterGroup, type FilterGroup } from '../../src/contract/query'
import {
  sampledLevels,
  type AlwaysKeep,
  type AttributePredicate,
  type PathDropConfig,
  type RateLimitConfig,
  type Rule,
  type RuleDraft,
  type SampledLevel,
  type ScopeAttributeFilter,
  type SeveritySamplingConfig,
} from '../../src/contract/rules'

/**
 * One line saying what a rule does, for the rules list and the services page's active rules
 * ("Drops DEBUG, keeps 10 % of INFO · service checkout"). Built only from the config, so the same
 * rule always reads the same; numbers are formatted by hand to stay independent of the locale.
 */

/** How many patterns or conditions are spelled out before "and N more". */
const LIST_SHOWN = 3
const ATTRIBUTE_FILTERS_SHOWN = 2

function formatCount(n: number): string {
  const [int, frac] = String(n).split('.')
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return frac === undefined ? grouped : `${grouped}.${frac}`
}

function percent(rate: number): string {
  return `${formatCount(Math.round(rate * 10_000) / 100)} %`
}

/** "A", "A and B", "A, B and C". */
function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

function listSome(items: string[]): string {
  if (items.length <= LIST_SHOWN) return items.join(', ')
  return `${items.slice(0, LIST_SHOWN).join(', ')} and ${items.length - LIST_SHOWN} more`
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function countLeaves(group: FilterGroup): number {
  let n = 0
  for (const node of group.values) n += isFilterGroup(node) ? countLeaves(node) : 1
  return n
}

function filterText(group: FilterGroup): string {
  const n = countLeaves(group)
  return `logs matching a filter (${n} ${n === 1 ? 'condition' : 'conditions'})`
}

function predicateText(p: AttributePredicate | ScopeAttributeFilter): string {
  switch (p.op) {
    case 'eq':
      return `${p.key} = ${p.value}`
    case 'ne':
      return `${p.key} ≠ ${p.value}`
    case 'exists':
      return `${p.key} set`
    case 'not_exists':
      return `${p.key} not set`
    case 'regex':
      return `${p.key} ~ ${p.value}`
  }
}

function alwaysKeepText(k: AlwaysKeep | undefined): string {
  if (!k) return ''
  const parts: string[] = []
  if (k.status_gte !== undefined) parts.push(`status ≥ ${k.status_gte}`)
  if (k.latency_ms_gt !== undefined) parts.push(`latency > ${formatCount(k.latency_ms_gt)} ms`)
  for (const p of k.attribute_predicates ?? []) parts.push(predicateText(p))
  return parts.length ? `; always keeps ${parts.join(' or ')}` : ''
}

function severityText(config: SeveritySamplingConfig): string {
  const dropped: SampledLevel[] = []
  // Levels sampled at one rate read as one clause: "keeps 10 % of INFO and WARN".
  const byRate = new Map<number, SampledLevel[]>()
  for (const level of sampledLevels) {
    const action = config.actions[level]
    if (action?.type === 'drop') dropped.push(level)
    else if (action?.type === 'sample') {
      const rate = action.rate ?? 1
      byRate.set(rate, [...(byRate.get(rate) ?? []), level])
    }
  }
  const clauses: string[] = []
  if (dropped.length) clauses.push(`drops ${joinAnd(dropped)}`)
  for (const [rate, levels] of byRate) clauses.push(`keeps ${percent(rate)} of ${joinAnd(levels)}`)
  const text = clauses.length ? clauses.join(', ') : 'keeps every level'
  return capitalise(text) + alwaysKeepText(config.always_keep)
}

function pathDropText(config: PathDropConfig): string {
  const targets: string[] = []
  const patterns = config.patterns ?? []
  if (patterns.length) {
    const subject = config.match_attribute_key ? `logs whose ${config.match_attribute_key} matches` : 'paths matching'
    targets.push(`${subject} ${listSome(patterns)}`)
  }
  if (config.filter_group) targets.push(filterText(config.filter_group))
  return `Drops ${targets.join(', or ')}${alwaysKeepText(config.always_keep)}`
}

function rateLimitText(config: RateLimitConfig): string {
  const byLogs = config.logs_per_second !== undefined
  const rate = (byLogs ? config.logs_per_second : config.kb_per_second) ?? 0
  const burst = byLogs ? config.burst_logs : config.burst_kb
  let text = `Caps at ${formatCount(rate)} ${byLogs ? 'logs/s' : 'KB/s'}`
  if (burst !== undefined) text += ` (burst ${formatCount(burst)})`
  if (config.filter_group) text += ` for ${filterText(config.filter_group)}`
  return text
}

function scopeText(rule: Rule | RuleDraft): string {
  const parts: string[] = []
  if (rule.scope_service !== null) parts.push(`service ${rule.scope_service}`)
  if (rule.scope_path_pattern !== null) parts.push(`path ~ ${rule.scope_path_pattern}`)
  const filters = rule.scope_attribute_filters
  if (filters.length > ATTRIBUTE_FILTERS_SHOWN) parts.push(`${filters.length} attribute conditions`)
  else for (const f of filters) parts.push(predicateText(f))
  return parts.map((p) => ` · ${p}`).join('')
}

export function summaryString(rule: Rule | RuleDraft): string {
  let text: string
  switch (rule.rule_type) {
    case 'severity_sampling':
      text = severityText(rule.config)
      break
    case 'path_drop':
      text = pathDropText(rule.config)
      break
    case 'rate_limit':
      text = rateLimitText(rule.config)
      break
  }
  return text + scopeText(rule)
}
