import type { ActiveRule } from '../../src/contract/logs'
import type { Rule } from '../../src/contract/rules'
import type { RulesRuntime } from '../context'
import type { RuleOutcome } from '../ingest/pipeline'
import type { LogRecord } from '../logs/record'
import type { Db } from '../store/db'
import type { RuleDrop } from '../store/ingest-writes'
import { listRules } from '../store/rules'
import { compileRules, scopeCanMatchService, type CompiledRuleSet } from './engine'
import { summaryString } from './summary'

const MINUTE_MS = 60_000

interface EnvRules {
  rules: Rule[]
  compiled: CompiledRuleSet
  enabledCount: number
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
  constructor(private readonly db: Db) {}

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
    // The previous set is passed so unchanged rate limits keep their bucket levels across edits.
    this.envs.set(envId, { rules, compiled: compileRules(rules, this.envs.get(envId)?.compiled), enabledCount: rules.filter((r) => r.enabled).length })
  }

  rulesOf(envId: number): Rule[] {
    return this.envs.get(envId)?.rules ?? []
  }

  apply(envId: number, records: LogRecord[], nowMs: number): RuleOutcome {
    const env = this.envs.get(envId)
    if (!env || env.enabledCount === 0) return { kept: records, drops: [], dropped: 0 }
    const kept: LogRecord[] = []
    const drops = new Map<string, RuleDrop>()
    const minuteUs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS * 1000
    for (const log of records) {
      const decision = env.compiled.evaluate(log, nowMs)
      if (decision.action === 'keep') {
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
    return { kept, drops: [...drops.values()], dropped: records.length - kept.length }
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
