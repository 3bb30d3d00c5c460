/**
 * One request's decoded logs → the writer's input: the rules decide each log (engine.ts), and the
 * logs they keep are packed for the appender with their rollup and catalog rows
 * (store/ingest-writes.ts prepareBatch). Pure and synchronous, so it runs where the decoding ran —
 * a worker thread of decode-pool.ts, or the main thread for records handed over directly.
 */
import type { LogRecord } from '../logs/record'
import type { CompiledRuleSet } from '../rules/engine'
import { prepareBatch, type PreparedBatch, type RuleDrop } from '../store/ingest-writes'
import { NO_RESOLVER, NO_RULE_SET } from '../store/rule-sets'

const MINUTE_MS = 60_000

/** An environment's enabled rules, compiled, and the id of that set (store/rule-sets.ts). */
export interface EnvRules {
  compiled: CompiledRuleSet
  ruleSet: number
}

/** What the rules decided for one batch of one environment. */
export interface RuleOutcome {
  kept: LogRecord[]
  drops: RuleDrop[]
  /** The rule set that decided, and per kept record the position of the rule that resolved it (absent: none did). */
  ruleSet: number
  resolvers?: Uint16Array
}

/** Decides every record with the environment's rules (none known: all kept, untagged). `nowMs` drives rate limits. */
export function applyRules(envId: number, records: LogRecord[], nowMs: number, env: EnvRules | undefined): RuleOutcome {
  if (!env) return { kept: records, drops: [], ruleSet: NO_RULE_SET }
  if (env.compiled.rules.length === 0) return { kept: records, drops: [], ruleSet: env.ruleSet }
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
  return { kept, drops: [...drops.values()], ruleSet: env.ruleSet, resolvers: resolvers.subarray(0, kept.length) }
}

/** `names`: the logs table's columns in order (store/ingest-writes.ts logColumns). */
export function prepareIngest(names: readonly string[], envId: number, records: LogRecord[], nowMs: number, env: EnvRules | undefined): PreparedBatch {
  const { kept, drops, ruleSet, resolvers } = applyRules(envId, records, nowMs, env)
  return prepareBatch(names, { envId, records: kept, ruleSet, resolvers }, drops)
}
