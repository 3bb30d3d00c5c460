import { run, type Db, Params } from './db'
import { appendLogs, type LogBatch } from './ingest-chunks'
import { LEVEL_CODES } from './log-filters'

const MINUTE_US = 60_000_000
const HALF_HOUR_US = 30 * MINUTE_US
const HOUR_US = 3_600_000_000

export interface RuleDrop {
  envId: number
  ruleId: string
  minuteUs: number
  logs: number
  bytes: number
}

/** Attribute keys seen in one (environment, hour, service): log keys counted, resource maps counted by identity. */
interface KeyGroup {
  e: number
  h: number
  s: string
  log: Map<string, number>
  resources: Map<Record<string, string>, number>
}

type RollupRow = { e: number; m: number; s: string; l: number; c: number; b: number }
type KeyRow = { e: number; h: number; t: string; s: string; k: string; c: number }

/**
 * The per-minute rollup rows and the attribute-key catalog rows of a flush, in one pass. Records
 * come in runs of one resource (one service), so the service's maps are looked up once per run.
 */
function summarise(batches: readonly LogBatch[]): { rollup: RollupRow[]; keys: KeyRow[]; logs: number } {
  const rollup: RollupRow[] = []
  const groups: KeyGroup[] = []
  // (env, service) → per (minute, level) rollup row and per hour key group.
  const byService = new Map<string, { minutes: Map<number, RollupRow>; hours: Map<number, KeyGroup> }>()
  let logs = 0
  for (const { envId, records } of batches) {
    let lastService: string | null = null
    let slot: { minutes: Map<number, RollupRow>; hours: Map<number, KeyGroup> } | undefined
    let lastHour = NaN
    let group: KeyGroup | undefined
    for (const r of records) {
      if (r.serviceName !== lastService) {
        lastService = r.serviceName
        const sk = `${envId}|${r.serviceName}`
        slot = byService.get(sk)
        if (!slot) byService.set(sk, (slot = { minutes: new Map(), hours: new Map() }))
        lastHour = NaN
      }
      const minuteIndex = Math.floor(r.timestampUs / MINUTE_US)
      const level = LEVEL_CODES[r.level]
      const mk = minuteIndex * 8 + level
      const row = slot!.minutes.get(mk)
      if (row) {
        row.c++
        row.b += r.bytes
      } else {
        const created = { e: envId, m: minuteIndex * MINUTE_US, s: r.serviceName, l: level, c: 1, b: r.bytes }
        slot!.minutes.set(mk, created)
        rollup.push(created)
      }
      const hour = Math.floor(r.timestampUs / HOUR_US) * HOUR_US
      if (hour !== lastHour) {
        lastHour = hour
        group = slot!.hours.get(hour)
        if (!group) {
          group = { e: envId, h: hour, s: r.serviceName, log: new Map(), resources: new Map() }
          slot!.hours.set(hour, group)
          groups.push(group)
        }
      }
      const log = group!.log
      for (const k in r.attributes) log.set(k, (log.get(k) ?? 0) + 1)
      group!.resources.set(r.resourceAttributes, (group!.resources.get(r.resourceAttributes) ?? 0) + 1)
      logs++
    }
  }
  const keys: KeyRow[] = []
  for (const g of groups) {
    for (const [k, c] of g.log) keys.push({ e: g.e, h: g.h, t: 'log', s: g.s, k, c })
    const resource = new Map<string, number>()
    for (const [attributes, n] of g.resources) for (const k in attributes) resource.set(k, (resource.get(k) ?? 0) + n)
    for (const [k, c] of resource) keys.push({ e: g.e, h: g.h, t: 'resource', s: g.s, k, c })
  }
  return { rollup, keys, logs }
}


/** The logs table's column names in order, once per store (the appender fills them by position). */
const columnsOf = new WeakMap<Db, Promise<string[]>>()
function logColumns(db: Db): Promise<string[]> {
  let columns = columnsOf.get(db)
  if (!columns) {
    columns = run(
      db.ingestConnection,
      `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'logs' ORDER BY column_index`,
    ).then((rows) => rows.map((r) => r.column_name as string))
    columnsOf.set(db, columns)
    columns.catch(() => columnsOf.delete(db))
  }
  return columns
}

/**
 * Writes a batch durably in ONE transaction: the logs, their per-minute rollup, the attribute-key
 * catalog and what the rules dropped. Either all of it is stored or none of it.
 */
export async function writeBatch(db: Db, batches: LogBatch[], drops: RuleDrop[]): Promise<void> {
  const c = db.ingestConnection
  const { rollup, keys, logs } = summarise(batches)
  if (logs === 0 && drops.length === 0) return
  const columns = logs ? await logColumns(db) : []
  await run(c, 'BEGIN TRANSACTION')
  try {
    if (logs) {
      const appender = await c.createAppender('logs')
      try {
        appendLogs(appender, columns, batches)
        // Rows reach the table (this transaction's part of it) when the appender flushes.
        appender.flushSync()
      } catch (e) {
        appender.clear()
        throw e
      } finally {
        appender.closeSync()
      }
      const rollupShape = `{"e":"INTEGER","m":"BIGINT","s":"VARCHAR","l":"UTINYINT","c":"BIGINT","b":"BIGINT"}`
      const addCounts = 'count = count + EXCLUDED.count, bytes = bytes + EXCLUDED.bytes'
      await upsert(c, 'rollup_1m', rollup, rollupShape, 'e, make_timestamp(m), s, l, c, b', '(env_id, minute, service_name, level)', addCounts)
      await upsert(c, 'rollup_30m', halfHours(rollup), rollupShape, 'e, make_timestamp(m), s, l, c, b', '(env_id, slot, service_name, level)', addCounts)
      await upsert(c, 'attribute_keys', keys, `{"e":"INTEGER","h":"BIGINT","t":"VARCHAR","s":"VARCHAR","k":"VARCHAR","c":"BIGINT"}`,
        'e, make_timestamp(h), t, s, k, c', '(env_id, hour, attribute_type, service_name, key)', 'count = count + EXCLUDED.count')
    }
    if (drops.length) {
      // Requests flushed together can drop for the same (env, rule, minute): sum them first, as
      // one upsert statement must not name a key twice.
      const summed = new Map<string, { e: number; r: string; m: number; n: number; b: number }>()
      for (const d of drops) {
        const key = `${d.envId}|${d.ruleId}|${d.minuteUs}`
        const row = summed.get(key)
        if (row) {
          row.n += d.logs
          row.b += d.bytes
        } else summed.set(key, { e: d.envId, r: d.ruleId, m: d.minuteUs, n: d.logs, b: d.bytes })
      }
      const rows = [...summed.values()]
      await upsert(c, 'rule_impact', rows, `{"e":"INTEGER","r":"UUID","m":"BIGINT","n":"BIGINT","b":"BIGINT"}`,
        'e, r, make_timestamp(m), n, b', '(env_id, rule_id, minute)', 'dropped_logs = dropped_logs + EXCLUDED.dropped_logs, dropped_bytes = dropped_bytes + EXCLUDED.dropped_bytes')
    }
    await run(c, 'COMMIT')
  } catch (e) {
    await run(c, 'ROLLBACK').catch(() => undefined)
    throw e
  }
}

/** The per-minute rollup rows of a batch summed per half hour (`m` becomes the slot's start). */
function halfHours(minutes: Iterable<RollupRow>): RollupRow[] {
  const slots = new Map<string, RollupRow>()
  for (const r of minutes) {
    const m = Math.floor(r.m / HALF_HOUR_US) * HALF_HOUR_US
    const key = `${r.e}|${m}|${r.l}|${r.s}`
    const slot = slots.get(key)
    if (slot) {
      slot.c += r.c
      slot.b += r.b
    } else slots.set(key, { ...r, m })
  }
  return [...slots.values()]
}

/** Aggregated rows in, counts added to what the table already holds. */
async function upsert(
  c: Db['ingestConnection'], table: string, rows: object[], shape: string, select: string, key: string, set: string,
) {
  if (rows.length === 0) return
  const p = new Params()
  await run(
    c,
    `INSERT INTO ${table} SELECT ${select} FROM (SELECT unnest(from_json(${p.add(JSON.stringify(rows))}::JSON, '[${shape}]'), recursive := true))
     ON CONFLICT ${key} DO UPDATE SET ${set}`,
    p,
  )
}
