import { randomUUID } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { logPath, type LogRecord } from '../logs/record'
import { sampleKey } from '../rules/engine'
import { run, type Db, Params } from './db'
import { keyBitsOf } from './key-bits'
import { HOT_ATTRIBUTE_COLUMNS, LEVEL_CODES } from './log-filters'

const MINUTE_US = 60_000_000
const HALF_HOUR_US = 30 * MINUTE_US
const HOUR_US = 3_600_000_000

export interface EnvBatch {
  envId: number
  records: LogRecord[]
}
export interface RuleDrop {
  envId: number
  ruleId: string
  minuteUs: number
  logs: number
  bytes: number
}

const hotColumns = Object.entries(HOT_ATTRIBUTE_COLUMNS)

/** Attribute keys seen in one (environment, hour, service), counted per kind. */
interface KeyGroup {
  e: number
  h: number
  s: string
  log: Map<string, number>
  resource: Map<string, number>
}

/** One log as a line of NDJSON for `read_json` (DuckDB parses it on its own threads, ~2× the appender). */
function ndjsonLine(envId: number, r: LogRecord): string {
  const [kh, kl] = keyBitsOf(r.attributes)
  const row: Record<string, unknown> = {
    e: envId,
    u: r.uuid,
    t: r.timestampUs,
    o: r.observedUs || null,
    st: r.severityText,
    sn: r.severityNumber,
    l: LEVEL_CODES[r.level],
    s: r.serviceName,
    b: r.body,
    tr: r.traceId,
    sp: r.spanId,
    ev: r.eventName,
    p: logPath(r.attributes) || null,
    a: r.attributes,
    r: r.resourceAttributes,
    n: r.bytes,
    k: sampleKey(r.traceId || r.uuid),
    kh,
    kl,
  }
  for (const [key, column] of hotColumns) row[column] = r.attributes[key] ?? null
  return JSON.stringify(row)
}

const READ_COLUMNS = `{e: 'INTEGER', u: 'UUID', t: 'BIGINT', o: 'BIGINT', st: 'VARCHAR', sn: 'UTINYINT', l: 'UTINYINT',
  s: 'VARCHAR', b: 'VARCHAR', tr: 'VARCHAR', sp: 'VARCHAR', ev: 'VARCHAR', p: 'VARCHAR', http_route: 'VARCHAR',
  http_method: 'VARCHAR', status_code: 'VARCHAR', user_id: 'VARCHAR', a: 'JSON', r: 'JSON', n: 'INTEGER', k: 'UINTEGER', kh: 'UINTEGER', kl: 'UINTEGER'}`

/**
 * Writes a batch durably in ONE transaction: the logs, their per-minute rollup, the attribute-key
 * catalog and what the rules dropped. Either all of it is stored or none of it.
 */
export async function writeBatch(db: Db, batches: EnvBatch[], drops: RuleDrop[]): Promise<void> {
  const c = db.ingestConnection
  const lines: string[] = []
  const rollup = new Map<string, RollupRow>()
  const catalog = new Map<string, KeyGroup>()
  for (const { envId, records } of batches) {
    for (const r of records) {
      lines.push(ndjsonLine(envId, r))
      const minute = Math.floor(r.timestampUs / MINUTE_US) * MINUTE_US
      const level = LEVEL_CODES[r.level]
      const rk = `${envId}|${minute}|${level}|${r.serviceName}`
      const ro = rollup.get(rk)
      if (ro) {
        ro.c++
        ro.b += r.bytes
      } else rollup.set(rk, { e: envId, m: minute, s: r.serviceName, l: level, c: 1, b: r.bytes })
      const hour = Math.floor(r.timestampUs / HOUR_US) * HOUR_US
      const gk = `${envId}|${hour}|${r.serviceName}`
      let group = catalog.get(gk)
      if (!group) catalog.set(gk, (group = { e: envId, h: hour, s: r.serviceName, log: new Map(), resource: new Map() }))
      for (const k in r.attributes) group.log.set(k, (group.log.get(k) ?? 0) + 1)
      for (const k in r.resourceAttributes) group.resource.set(k, (group.resource.get(k) ?? 0) + 1)
    }
  }
  const keys: { e: number; h: number; t: string; s: string; k: string; c: number }[] = []
  for (const g of catalog.values()) {
    for (const [k, c] of g.log) keys.push({ e: g.e, h: g.h, t: 'log', s: g.s, k, c })
    for (const [k, c] of g.resource) keys.push({ e: g.e, h: g.h, t: 'resource', s: g.s, k, c })
  }
  if (lines.length === 0 && drops.length === 0) return
  const file = join(db.tmpDir, `batch-${randomUUID()}.ndjson`)
  await writeFile(file, lines.join('\n'))
  try {
    await run(c, 'BEGIN TRANSACTION')
    try {
      if (lines.length) {
        const p = new Params()
        await run(
          c,
          `INSERT INTO logs SELECT e, u, make_timestamp(t), make_timestamp(o), st, sn, l, s, b, tr, sp, ev, p,
             http_route, http_method, status_code, user_id, a, r, n, k, (kh::UBIGINT << 32) | kl
           FROM read_json(${p.add(file)}, format = 'newline_delimited', columns = ${READ_COLUMNS}, maximum_object_size = 67108864)`,
          p,
        )
        const rollupShape = `{"e":"INTEGER","m":"BIGINT","s":"VARCHAR","l":"UTINYINT","c":"BIGINT","b":"BIGINT"}`
        const addCounts = 'count = count + EXCLUDED.count, bytes = bytes + EXCLUDED.bytes'
        await upsert(c, 'rollup_1m', [...rollup.values()], rollupShape, 'e, make_timestamp(m), s, l, c, b', '(env_id, minute, service_name, level)', addCounts)
        await upsert(c, 'rollup_30m', halfHours(rollup.values()), rollupShape, 'e, make_timestamp(m), s, l, c, b', '(env_id, slot, service_name, level)', addCounts)
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
  } finally {
    await rm(file, { force: true })
  }
}

type RollupRow = { e: number; m: number; s: string; l: number; c: number; b: number }

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
