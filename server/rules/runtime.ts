import type { ActiveRule } from '../../src/contract/logs'
import type { Rule } from '../../src/contract/rules'
import type { RulesRuntime } from '../context'
import type { RuleOutcome } from '../ingest/pipeline'
import type { LogRecord } from '../logs/record'
import type { Db } from '../store/db'
import type { RuleDrop } from '../store/ingest-writes'
import { NO_RESOLVER, NO_RULE_SET, ruleSetId } from '../store/rule-sets'
import { listRules } from '../store/rules'
import { compileRules, ruleMeaning, scopeCanMatchService, type CompiledRuleSet } from './engine'
import type { Retagger } from './retag'
import { summaryString } from './summary'

const MINUTE_MS = 60_000

interface EnvRules {
  rules: Rule[]
  compiled: CompiledRuleSet
  /** The enabled set's id (store/rule-sets.ts), stored with each log it decides. */
  ruleSet: number
}

/**
 * Holds each environment's rules compiled once per change (not per log). Ingestion reads the current
 * set for every batch, so a change takes effect from the next batch on.
 */
export class RulesRuntimeImpl implements RulesRuntime {
  private envs = new Map<number, EnvRules>()
  /** Per environment: the last reload in line, and the one not yet started (which new callers join). */
  private lastReload = new Map<number, Promise<void>>()
  private waitingReload = new Map<number, Promise<void>>()
  /** `retagger`: re-evaluates stored logs when an environment's enabled set changes (none: they keep their old tags). */
  constructor(
    private readonly db: Db,
    private readonly retagger: Retagger | null = null,
  ) {}

  async loadAll(envIds: number[]) {
    for (const id of envIds) await this.reload(id)
  }

  /**
   * Call after every committed rule change of an environment. Reloads run one after another, so a
   * slow read can never overwrite a newer set; a caller joins a reload that has not started yet,
   * since that one will read after its commit anyway.
   */
  reload(envId: number): Promise<void> {
    const waiting = this.waitingReload.get(envId)
    if (waiting) return waiting
    const previous = this.lastReload.get(envId) ?? Promise.resolve()
    const next = previous
      .catch(() => undefined)
      .then(() => {
        this.waitingReload.delete(envId)
        return this.load(envId)
      })
    this.waitingReload.set(envId, next)
    this.lastReload.set(envId, next)
    return next
  }

  private async load(envId: number) {
    const rules = await listRules(this.db, envId)
    const previous = this.envs.get(envId)
    // The previous set is passed so unchanged rate limits keep their bucket levels across edits.
    const compiled = compileRules(rules, previous?.compiled)
    const ruleSet = await ruleSetId(this.db, envId, compiled.rules.map(ruleMeaning))
    this.envs.set(envId, { rules, compiled, ruleSet })
    // Only after the switch, so every log decided by the new set from here on is already tagged with it.
    if (ruleSet !== previous?.ruleSet && ruleSet !== NO_RULE_SET && compiled.rules.length > 0) this.retagger?.retag(envId, ruleSet, compiled.rules)
  }

  rulesOf(envId: number): Rule[] {
    return this.envs.get(envId)?.rules ?? []
  }

  apply(envId: number, records: LogRecord[], nowMs: number): RuleOutcome {
    const env = this.envs.get(envId)
    if (!env) return { kept: records, drops: [], dropped: 0, ruleSet: NO_RULE_SET }
    if (env.compiled.rules.length === 0) return { kept: records, drops: [], dropped: 0, ruleSet: env.ruleSet }
    const kept: LogRecord[] = []
    const resolvers = new Uint16Array(records.length)
    const positions = env.compiled.positions
    const drops = new Map<string, RuleDrop>()
    const minuteUs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS * 1000
    for (const log of records) {
      const decision = env.compiled.evaluate(log, nowMs)
      if (decision.action === 'keep') {
        resolvers[kept.length] = decision.ruleId === null ? NO_RESOLVER : positions.get(decision.ruleId)!
        kept.push(log)
        continue
      }
      const ruleId = decision.ruleId!
      const d = drops.get(ruleId)
      if (d) {
        d.logs++
        d.bytes += log.bytes
      } else drops.set(ruleId, { envId, ruleId, minuteUs, logs: 1, bytes: log.bytes })
    }
    return { kept, drops: [...drops.values()], dropped: records.length - kept.length, ruleSet: env.ruleSet, resolvers: resolvers.subarray(0, kept.length) }
  }

  activeRulesByService(envId: number): (serviceName: string) => ActiveRule[] {
    const enabled = this.rulesOf(envId).filter((r) => r.enabled)
    const summaries = new Map(enabled.map((r) => [r.id, summaryString(r)]))
    return (serviceName) =>
      enabled
        .filter((r) => scopeCanMatchService(r, serviceName))
        .map((r) => ({ rule_id: r.id, rule_name: r.name, summary_string: summaries.get(r.id)! }))
  }
}
