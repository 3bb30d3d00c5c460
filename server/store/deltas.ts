import type { DuckDBConnection } from '@duckdb/node-api'
import { Params, run, type Db } from './db'

/**
 * The counters ingestion keeps beside the logs — the per-minute and per-half-hour rollups, the
 * attribute-key catalog and the per-rule drop counts — are written as deltas: each flush appends
 * one row per key it touched, with no index lookup and no update (an upsert of ~160 rows cost
 * 10–12 ms of CPU, and a flush made four). Every reader sums them (SUM … GROUP BY), so several rows
 * of one key read as one.
 *
 * Folding keeps the tables about as small as if every write had been an upsert: the rows of the
 * times written since the last fold are replaced by one row per key, in one transaction. It runs
 * on the serialised write connection, so it never races the rule edits that delete counters, and
 * it cannot conflict with the ingest writer, which only appends: a row appended after the fold's
 * snapshot is neither deleted nor summed by it.
 */
interface DeltaTable {
  name: string
  /** The time column the rows are folded by. */
  time: string
  /** The key columns besides `time`. */
  keys: readonly string[]
  /** The counts added up per key. */
  sums: readonly string[]
}

export const DELTA_TABLES = {
  rollup_1m: { name: 'rollup_1m', time: 'minute', keys: ['env_id', 'service_name', 'level'], sums: ['count', 'bytes'] },
  rollup_30m: { name: 'rollup_30m', time: 'slot', keys: ['env_id', 'service_name', 'level'], sums: ['count', 'bytes'] },
  attribute_keys: { name: 'attribute_keys', time: 'hour', keys: ['env_id', 'attribute_type', 'service_name', 'key'], sums: ['count'] },
  rule_impact: { name: 'rule_impact', time: 'minute', keys: ['env_id', 'rule_id'], sums: ['dropped_logs', 'dropped_bytes'] },
} as const satisfies Record<string, DeltaTable>

export type DeltaTableName = keyof typeof DELTA_TABLES

/** Times (µs since the epoch) with rows appended since the last fold, per table. */
export type Touched = Partial<Record<DeltaTableName, Iterable<number>>>

/** A fold is due after this long, or sooner once this many delta rows have been appended. */
export const FOLD_EVERY_MS = 5_000
export const FOLD_AFTER_ROWS = 50_000

/** On opening a store, the days of rows checked for unfolded deltas (a crash leaves them in the last minutes). */
export const OPEN_FOLD_DAYS = 7

class Pending {
  readonly times = new Map<DeltaTableName, Set<number>>()
  rows = 0
  since = Date.now()
  add(touched: Touched, rows: number) {
    for (const [table, times] of Object.entries(touched) as [DeltaTableName, Iterable<number>][]) {
      let set = this.times.get(table)
      if (!set) this.times.set(table, (set = new Set()))
      for (const t of times) set.add(t)
    }
    this.rows += rows
  }
}

const pendingOf = new WeakMap<Db, Pending>()
const pending = (db: Db) => {
  let p = pendingOf.get(db)
  if (!p) pendingOf.set(db, (p = new Pending()))
  return p
}

/** Records that `rows` delta rows were committed at these times (call it after the commit). */
export function noteDeltas(db: Db, touched: Touched, rows: number): void {
  pending(db).add(touched, rows)
}

/** Whether enough has been appended, or long enough ago, for a fold to be worth its cost. */
export function foldDue(db: Db, now = Date.now()): boolean {
  const p = pendingOf.get(db)
  return !!p && p.times.size > 0 && (p.rows >= FOLD_AFTER_ROWS || now - p.since >= FOLD_EVERY_MS)
}

/**
 * Folds the delta rows noted since the last fold. If it fails, the times are noted again, so the
 * next fold covers them (the rows are still right meanwhile: readers sum them).
 */
export async function foldDeltas(db: Db): Promise<void> {
  const taken = pending(db)
  if (taken.times.size === 0) return
  pendingOf.set(db, new Pending())
  try {
    await db.write(async (tx) => {
      for (const [table, times] of taken.times) await foldTimes(tx.connection, DELTA_TABLES[table], [...times])
    })
  } catch (e) {
    pending(db).add(Object.fromEntries(taken.times), taken.rows)
    throw e
  }
}

/**
 * Folds the keys at or after `sinceUs` that have more than one row, in one transaction of its own.
 * Db.open runs it over the last OPEN_FOLD_DAYS (a process that stopped without folding leaves
 * such keys); older keys with several rows stay as they are and are summed like any others.
 */
export async function foldDuplicates(c: DuckDBConnection, sinceUs: number): Promise<void> {
  await c.run('BEGIN TRANSACTION')
  try {
    for (const table of Object.values(DELTA_TABLES)) {
      const p = new Params()
      const rows = await run(
        c,
        `SELECT DISTINCT epoch_us(${table.time}) AS t FROM ${table.name} WHERE ${table.time} >= ${p.ts(sinceUs)}
         GROUP BY ${table.time}, ${table.keys.join(', ')} HAVING count(*) > 1`,
        p,
      )
      await foldTimes(c, table, rows.map((r) => r.t as number))
    }
    await c.run('COMMIT')
  } catch (e) {
    await c.run('ROLLBACK').catch(() => undefined)
    throw e
  }
}

/** Replaces `table`'s rows at `times` by one row per key, inside the caller's transaction. */
async function foldTimes(c: DuckDBConnection, table: DeltaTable, times: number[]): Promise<void> {
  if (times.length === 0) return
  let min = times[0]!
  let max = min
  for (const t of times) {
    if (t < min) min = t
    if (t > max) max = t
  }
  const p = new Params()
  // The range lets DuckDB skip row groups by their min/max; the list picks the times inside it.
  const where = `${table.time} BETWEEN ${p.ts(min)} AND ${p.ts(max)}
    AND list_contains(from_json(${p.add(JSON.stringify(times))}, '["BIGINT"]'), epoch_us(${table.time}))`
  const columns = [table.time, ...table.keys]
  await run(
    c,
    `CREATE OR REPLACE TEMP TABLE folded AS
       SELECT ${columns.join(', ')}, ${table.sums.map((s) => `sum(${s})::BIGINT AS ${s}`).join(', ')}
       FROM ${table.name} WHERE ${where} GROUP BY ALL`,
    p,
  )
  await run(c, `DELETE FROM ${table.name} WHERE ${where}`, p)
  await c.run(`INSERT INTO ${table.name} (${[...columns, ...table.sums].join(', ')}) SELECT * FROM folded`)
  await c.run('DROP TABLE folded')
}
