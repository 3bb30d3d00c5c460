/**
 * One request's decoded logs → the writer's input: the rules decide each log (engine.ts), and the
 * logs they keep are packed for the appender (store/ingest-chunks.ts LogPacker) with their rollup
 * and catalog rows (store/ingest-writes.ts BatchSummary). Pure and synchronous, so it runs where the
 * decoding ran — a worker thread of decode-pool.ts, or the main thread for records handed over directly.
 */
import type { LogRecord } from '../logs/record'
import type { CompiledRuleSet } from '../rules/engine'
import { LogPacker } from '../store/ingest-chunks'
import { BatchSummary, type PreparedBatch, type RuleDrop } from '../store/ingest-writes'
import { NO_RESOLVER, NO_RULE_SET } from '../store/rule-sets'

const MINUTE_MS = 60_000

/** An environment's enabled rules, compiled, and the id of that set (store/rule-sets.ts). */
export interface EnvRules {
  compiled: CompiledRuleSet
  ruleSet: number
}

/** Logs a rate-limit rule let through (and their bytes): what it drew from its bucket. */
interface Drawn {
  logs: number
  bytes: number
}

/**
 * One payload's logs made ready for the writer as they come, slice by slice (otlp.ts
 * decodeOtlpSlices): each slice is decided, and what the rules keep is packed and summed, before
 * the next is decoded — so a payload's records are never all alive at once. Until `finish` nothing
 * is visible outside but what rate-limit rules drew from their buckets; `abandon` (the payload
 * turned out malformed) gives that back.
 */
export class IngestPreparer {
  private readonly packer: LogPacker
  private readonly summary: BatchSummary
  private readonly drops = new Map<string, RuleDrop>()
  private readonly drawn = new Map<string, Drawn>()
  private readonly minuteUs: number
  private logs = 0

  constructor(
    names: readonly string[],
    private readonly envId: number,
    private readonly nowMs: number,
    private readonly env: EnvRules | undefined,
    expectedLogs?: number,
  ) {
    this.packer = new LogPacker(names, envId, env?.ruleSet ?? NO_RULE_SET, expectedLogs)
    this.summary = new BatchSummary(envId)
    this.minuteUs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS * 1000
  }

  add(records: readonly LogRecord[]): void {
    const env = this.env
    if (!env || env.compiled.rules.length === 0) return this.keep(records)
    const kept: LogRecord[] = []
    const resolvers = new Uint16Array(records.length)
    const positions = env.compiled.positions
    for (const log of records) {
      const decision = env.compiled.evaluate(log, this.nowMs)
      const ruleId = decision.ruleId
      if (decision.action === 'keep') {
        resolvers[kept.length] = ruleId === null ? NO_RESOLVER : positions.get(ruleId)!
        kept.push(log)
        if (decision.reason === 'under_rate') add(this.drawn, ruleId!, () => ({ logs: 0, bytes: 0 }), log.bytes)
        continue
      }
      add(this.drops, ruleId!, () => ({ envId: this.envId, ruleId: ruleId!, minuteUs: this.minuteUs, logs: 0, bytes: 0 }), log.bytes)
    }
    this.keep(kept, resolvers.subarray(0, kept.length))
  }

  private keep(records: readonly LogRecord[], resolvers?: Uint16Array): void {
    this.packer.add(records, resolvers)
    this.summary.add(records)
    this.logs += records.length
  }

  finish(): PreparedBatch {
    return { logs: this.logs, packed: this.packer.finish(), ...this.summary.finish(), drops: [...this.drops.values()] }
  }

  /** The payload is not to be stored after all: what its logs drew from rate-limit buckets goes back. */
  abandon(): void {
    for (const [ruleId, d] of this.drawn) this.env?.compiled.giveBack(ruleId, d.logs, d.bytes)
    this.drawn.clear()
  }
}

/** Counts one log of `bytes` bytes into the row of `key`, made by `make` the first time. */
function add<T extends { logs: number; bytes: number }>(rows: Map<string, T>, key: string, make: () => T, bytes: number): void {
  let row = rows.get(key)
  if (!row) rows.set(key, (row = make()))
  row.logs++
  row.bytes += bytes
}

/** `names`: the logs table's columns in order (store/ingest-writes.ts logColumns). A whole batch at once. */
export function prepareIngest(names: readonly string[], envId: number, records: LogRecord[], nowMs: number, env: EnvRules | undefined): PreparedBatch {
  const preparer = new IngestPreparer(names, envId, nowMs, env, records.length)
  preparer.add(records)
  return preparer.finish()
}
