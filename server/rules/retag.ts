import type { DuckDBConnection } from '@duckdb/node-api'
import type { Rule } from '../../src/contract/rules'
import { Params, run, type Db } from '../store/db'
import { NO_RESOLVER } from '../store/rule-sets'
import { storedAttributeKeys } from '../store/rules'
import { jsonKeysOf, RuleSql } from './rule-sql'

/**
 * After a rule change, re-evaluates the stored logs of the last days against the new enabled rule
 * set, in the background: each log gets the set's id and the position of the first rule resolving
 * it (`logs.rule_set`, `logs.resolver`), as ingestion records for the logs it takes in from then
 * on. A simulation behind those rules then reads that position instead of evaluating them again
 * (rule-sql.ts `outcomesSql`); logs not yet re-evaluated are simply evaluated in full, so the
 * answers never depend on how far this got, only their speed does.
 *
 * Logs sit in arrival order, so the work goes newest first in row-id ranges, one short transaction
 * each, and stops at the first range with no log of the window. It pauses after each range for as
 * long as the range took, so ingestion and queries keep at least half the time; a newer rule
 * change abandons the work for the older set.
 */

const DAY_US = 86_400_000_000
/** DuckDB's row-group size: a range of row ids that its storage keeps together. */
const ROW_GROUP = 122_880

export interface RetagOptions {
  /** How far back logs are re-evaluated (by timestamp): the longest window the app simulates over. */
  windowUs: number
  /** Row ids per transaction. */
  chunkRows: number
  /** Pause after each range, as a multiple of the time it took. */
  pauseFactor: number
}

export const DEFAULT_RETAG_OPTIONS: RetagOptions = { windowUs: 7 * DAY_US, chunkRows: 4 * ROW_GROUP, pauseFactor: 1 }

export interface RetagReport {
  envId: number
  ruleSet: number
  /** How many enabled rules the set holds. */
  rules: number
  /** Logs given the set's tags. */
  logs: number
  ms: number
  /** A newer rule change (or shutdown) stopped it before the end. */
  abandoned: boolean
}

interface Job {
  envId: number
  ruleSet: number
  rules: readonly Rule[]
  cancelled: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class Retagger {
  /** Jobs run one at a time, in the order asked. */
  private chain: Promise<void> = Promise.resolve()
  private readonly latest = new Map<number, Job>()
  private connection: DuckDBConnection | null = null
  private closed = false

  constructor(
    private readonly db: Db,
    private readonly opts: RetagOptions = DEFAULT_RETAG_OPTIONS,
    private readonly onReport: (r: RetagReport) => void = () => undefined,
    private readonly onError: (e: Error) => void = () => undefined,
  ) {}

  /** Re-evaluates the environment's stored logs against `rules` (its enabled set `ruleSet`, in evaluation order). */
  retag(envId: number, ruleSet: number, rules: readonly Rule[]): void {
    if (this.closed) return
    const previous = this.latest.get(envId)
    if (previous) previous.cancelled = true
    const job: Job = { envId, ruleSet, rules, cancelled: false }
    this.latest.set(envId, job)
    this.chain = this.chain.then(() => this.run(job)).catch((e: Error) => this.onError(e))
  }

  /** Resolves once every job asked for so far has ended. */
  idle(): Promise<void> {
    return this.chain
  }

  /** Abandons the work in progress and waits for its current range to end. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.latest.values()) job.cancelled = true
    await this.chain
    this.connection?.closeSync()
    this.connection = null
  }

  private stopped(job: Job) {
    return job.cancelled || this.closed
  }

  private async run(job: Job): Promise<void> {
    if (this.stopped(job)) return
    const started = performance.now()
    this.connection ??= await this.db.instance.connect()
    const c = this.connection
    const cutoffUs = Date.now() * 1000 - this.opts.windowUs
    // Nothing to do (a restart, or a set the logs already carry): block min/max on rule_set answer
    // this without reading the logs, so start-up does not walk the window for nothing.
    const w = new Params()
    const untagged = await run(
      c,
      `SELECT 1 AS x FROM logs WHERE env_id = ${w.add(job.envId)} AND rule_set <> ${w.add(job.ruleSet)}::UINTEGER AND timestamp >= ${w.ts(cutoffUs)} LIMIT 1`,
      w,
    )
    if (untagged.length === 0) {
      this.onReport({ envId: job.envId, ruleSet: job.ruleSet, rules: job.rules.length, logs: 0, ms: performance.now() - started, abandoned: false })
      return
    }
    const keys = await storedAttributeKeys(this.db, job.envId, jsonKeysOf(job.rules), { fromUs: cutoffUs, toUs: Number.MAX_SAFE_INTEGER })
    const top = Number((await run(c, 'SELECT coalesce(max(rowid) + 1, 0) AS n FROM logs'))[0]!.n)
    let logs = 0
    const update = async (lo: number, hi: number) => {
      const p = new Params()
      const resolver = new RuleSql(p, keys).firstResolver(job.rules, NO_RESOLVER)
      const sql = `UPDATE logs SET rule_set = ${p.add(job.ruleSet)}, resolver = ${resolver}
        WHERE rowid >= ${p.add(lo)} AND rowid < ${p.add(hi)} AND env_id = ${p.add(job.envId)}
          AND rule_set <> ${p.add(job.ruleSet)}::UINTEGER AND timestamp >= ${p.ts(cutoffUs)}`
      const t = performance.now()
      const result = await c.run(sql, p.values, p.types as never)
      logs += Number(result.rowsChanged)
      await sleep((performance.now() - t) * this.opts.pauseFactor)
    }
    for (let hi = top; hi > 0 && !this.stopped(job); ) {
      const lo = Math.max(0, hi - this.opts.chunkRows)
      const q = new Params()
      const newest = (await run(c, `SELECT max(timestamp) >= ${q.ts(cutoffUs)} AS any FROM logs WHERE rowid >= ${q.add(lo)} AND rowid < ${q.add(hi)}`, q))[0]
      if (newest?.any !== true) break
      await update(lo, hi)
      hi = lo
    }
    // Logs that were being decided by the older set while this ran arrived after `top`.
    if (!this.stopped(job)) await update(top, Number.MAX_SAFE_INTEGER)
    this.onReport({ envId: job.envId, ruleSet: job.ruleSet, rules: job.rules.length, logs, ms: performance.now() - started, abandoned: this.stopped(job) })
  }
}
