import type { Rule, RuleImpact, RuleResponse, RuleWarning } from '../../src/contract/rules'
import type { Db } from '../store/db'
import { ruleImpactSince, storedLogPresence } from '../store/rules'
import { noMatchesWarning, shadowWarnings, unknownServiceWarning } from './lint'
import { summaryString } from './summary'

const DAY_US = 86_400_000_000
/** How long "does the store hold logs this rule matches" stays cached: for a rule that matches nothing it takes a scan of 24 h of logs. */
export const PRESENCE_CACHE_MS = 30_000

const NO_IMPACT: RuleImpact = Object.freeze({ dropped_logs: 0, dropped_bytes: 0 })

/**
 * The cache key is what decides which logs a rule matches, so an edit that changes it is looked up
 * afresh (a stale answer is never reused), while renames, toggles and reorders are not.
 */
const ruleKey = (r: Rule) =>
  JSON.stringify([r.rule_type, r.scope_service, r.scope_path_pattern, r.scope_attribute_filters, r.config])

interface Presence {
  atMs: number
  rules: Map<string, boolean>
  services: Map<string, boolean>
}

/**
 * What the rules list adds to each rule: `impact_24h` (what ingestion dropped with it, read fresh on
 * every call from the small per-minute counters), `summary_string`, and `warnings`. The warnings
 * that need log data come from one query for all the rules that are neither cached nor proven to
 * match by their own drops, and are kept per environment for PRESENCE_CACHE_MS.
 */
export class RuleInsights {
  private presence = new Map<number, Presence>()

  constructor(private readonly db: Db) {}

  /** `rules` are the ones to answer with; `all` the environment's rules (the shadow check needs every one). */
  async annotate(envId: number, all: readonly Rule[], rules: readonly Rule[], nowMs = Date.now()): Promise<RuleResponse[]> {
    const sinceUs = nowMs * 1000 - DAY_US
    const impact = await ruleImpactSince(this.db, envId, sinceUs)
    // A rule that dropped logs matched them (they are just not stored): no need to look for matches.
    const presence = await this.presenceFor(envId, rules, (r) => (impact.get(r.id)?.dropped_logs ?? 0) === 0, nowMs)
    const shadowed = shadowWarnings(all)
    const droppedFromService = (service: string) =>
      all.some((r) => r.scope_service === service && (impact.get(r.id)?.dropped_logs ?? 0) > 0)
    return rules.map((rule) => {
      const ruleImpact = impact.get(rule.id) ?? NO_IMPACT
      const warnings: RuleWarning[] = []
      const shadow = shadowed.get(rule.id)
      if (shadow) warnings.push(shadow)
      const service = rule.scope_service
      // Logs a rule dropped are not stored, so its own drops count as matches (and as proof the service sends logs).
      if (service !== null && !presence.services.get(service) && !droppedFromService(service)) {
        warnings.push(unknownServiceWarning(service))
      } else if (ruleImpact.dropped_logs === 0 && !presence.rules.get(ruleKey(rule))) {
        warnings.push(noMatchesWarning(rule.enabled))
      }
      return { ...rule, impact_24h: { ...ruleImpact }, summary_string: summaryString(rule), warnings }
    })
  }

  private async presenceFor(envId: number, rules: readonly Rule[], needsLookup: (r: Rule) => boolean, nowMs: number): Promise<Presence> {
    let cached = this.presence.get(envId)
    if (!cached || nowMs - cached.atMs > PRESENCE_CACHE_MS) {
      cached = { atMs: nowMs, rules: new Map(), services: new Map() }
      this.presence.set(envId, cached)
    }
    const entry = cached
    const missing = new Map<string, Rule>()
    for (const r of rules) if (needsLookup(r) && !entry.rules.has(ruleKey(r))) missing.set(ruleKey(r), r)
    const missingRules = [...missing.values()]
    const missingServices = [...new Set(rules.flatMap((r) => (r.scope_service === null ? [] : [r.scope_service])))].filter(
      (s) => !entry.services.has(s),
    )
    if (missingRules.length > 0 || missingServices.length > 0) {
      const found = await storedLogPresence(this.db, envId, missingRules, missingServices, { fromUs: nowMs * 1000 - DAY_US, toUs: nowMs * 1000 })
      for (const [key, r] of missing) entry.rules.set(key, found.ruleMatches.get(r.id) ?? false)
      for (const [s, seen] of found.servicesSeen) entry.services.set(s, seen)
    }
    return entry
  }
}
