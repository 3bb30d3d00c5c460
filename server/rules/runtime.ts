import type { ActiveRule } from '../../src/contract/logs'
import type { Rule } from '../../src/contract/rules'
import type { RulesRuntime } from '../context'
import type { EnvRules } from '../ingest/prepare'
import type { Db } from '../store/db'
import { NO_RULE_SET, ruleSetId } from '../store/rule-sets'
import { listRules } from '../store/rules'
import { compileRules, ruleMeaning, scopeCanMatchService } from './engine'
import type { Retagger } from './retag'
import { summaryString } from './summary'

interface LoadedRules extends EnvRules {
  /** Every rule of the environment, enabled or not. */
  rules: Rule[]
}

/**
 * Holds each environment's rules compiled once per change (not per log). Ingestion decides each
 * batch with the set current when the batch reaches it (on this thread, or posted to a decoding
 * worker after the new set was: ingest/decode-pool.ts), so a change takes effect from the next
 * batch on.
 */
export class RulesRuntimeImpl implements RulesRuntime {
  private envs = new Map<number, LoadedRules>()
  private listeners: ((envId: number, rules: EnvRules) => void)[] = []
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
    for (const listener of this.listeners) listener(envId, { compiled, ruleSet })
    // Only after the switch, so every log decided by the new set from here on is already tagged with it.
    if (ruleSet !== previous?.ruleSet && ruleSet !== NO_RULE_SET && compiled.rules.length > 0) this.retagger?.retag(envId, ruleSet, compiled.rules)
  }

  rulesOf(envId: number): Rule[] {
    return this.envs.get(envId)?.rules ?? []
  }

  /** The environment's compiled enabled rules and their set id (none until loaded). */
  current(envId: number): EnvRules | undefined {
    return this.envs.get(envId)
  }

  /** Every loaded environment's rules, as `current` gives them. */
  all(): [number, EnvRules][] {
    return [...this.envs]
  }

  /** Calls `listener` after every switch to a newly compiled set, before any batch is decided by it. */
  onChange(listener: (envId: number, rules: EnvRules) => void): void {
    this.listeners.push(listener)
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
