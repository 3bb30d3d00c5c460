import { run, type Db } from './db'
import { DuckDBDataChunk, DuckDBTimestampValue, type DuckDBAppender } from '@duckdb/node-api'
import { noteDeltas } from './deltas'
// The native layer under @duckdb/node-api (its exact-version dependency): the API's vector
// classes copy values one by one and keep validity as BigInts, which costs more than the data.
import duckdb from '@duckdb/node-bindings'
import {
  packedType, packLogs, SLOT_DATA, SLOT_DATA_BYTES, SLOT_HEAP, SLOT_HEAP_BYTES, SLOT_INTS, SLOT_VALIDITY, validityBytes, type LogBatch, type PackedLogs,
} from './ingest-chunks'
import { LEVEL_CODES } from './log-filters'
import type { LogRecord } from '../logs/record'

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

/** Attribute keys seen in one (hour, service): log keys counted, resource maps counted by identity. */
interface KeyGroup {
  h: number
  s: string
  log: Map<string, number>
  resources: Map<Record<string, string>, number>
}

export type RollupRow = { e: number; m: number; s: string; l: number; c: number; b: number }
export type KeyRow = { e: number; h: number; t: string; s: string; k: string; c: number }

type ServiceSlot = { minutes: Map<number, RollupRow>; hours: Map<number, KeyGroup> }

/**
 * The per-minute rollup rows and the attribute-key catalog rows of a batch, added as its records
 * come (in slices, see LogPacker). Records come in runs of one resource (one service), so the
 * service's maps are looked up once per run.
 */
export class BatchSummary {
  private readonly rollup: RollupRow[] = []
  private readonly groups: KeyGroup[] = []
  // service → per (minute, level) rollup row and per hour key group.
  private readonly byService = new Map<string, ServiceSlot>()
  private lastService: string | null = null
  private slot: ServiceSlot | undefined
  private lastHour = NaN
  private group: KeyGroup | undefined

  constructor(private readonly envId: number) {}

  add(records: readonly LogRecord[]): void {
    const { envId, rollup, groups, byService } = this
    let { lastService, slot, lastHour, group } = this
    for (const r of records) {
      if (r.serviceName !== lastService) {
        lastService = r.serviceName
        slot = byService.get(r.serviceName)
        if (!slot) byService.set(r.serviceName, (slot = { minutes: new Map(), hours: new Map() }))
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
          group = { h: hour, s: r.serviceName, log: new Map(), resources: new Map() }
          slot!.hours.set(hour, group)
          groups.push(group)
        }
      }
      const log = group!.log
      for (const k in r.attributes) log.set(k, (log.get(k) ?? 0) + 1)
      group!.resources.set(r.resourceAttributes, (group!.resources.get(r.resourceAttributes) ?? 0) + 1)
    }
    this.lastService = lastService
    this.slot = slot
    this.lastHour = lastHour
    this.group = group
  }

  finish(): { rollup: RollupRow[]; keys: KeyRow[] } {
    const { envId } = this
    const keys: KeyRow[] = []
    for (const g of this.groups) {
      for (const [k, c] of g.log) keys.push({ e: envId, h: g.h, t: 'log', s: g.s, k, c })
      const resource = new Map<string, number>()
      for (const [attributes, n] of g.resources) for (const k in attributes) resource.set(k, (resource.get(k) ?? 0) + n)
      for (const [k, c] of resource) keys.push({ e: envId, h: g.h, t: 'resource', s: g.s, k, c })
    }
    return { rollup: this.rollup, keys }
  }
}

/**
 * One environment's batch made ready for the writer on any thread (server/ingest/decode-pool.ts
 * prepares them on worker threads): its logs packed for the appender, its rollup and catalog rows,
 * and what the rules dropped.
 */
export interface PreparedBatch {
  logs: number
  /** Null when there are no logs to store. */
  packed: PackedLogs | null
  rollup: RollupRow[]
  keys: KeyRow[]
  drops: RuleDrop[]
}

/** `names`: the logs table's columns, in order (logColumns). Throws when a value cannot be stored. */
export function prepareBatch(names: readonly string[], batch: LogBatch, drops: RuleDrop[]): PreparedBatch {
  const summary = new BatchSummary(batch.envId)
  summary.add(batch.records)
  return { logs: batch.records.length, packed: packLogs(names, batch), ...summary.finish(), drops }
}

/**
 * Rows of several batches with the same key summed into one (`add`, into a copy of the first), in
 * first-seen order: a flush appends one delta row per key, however many batches it holds.
 */
function sumByKey<T extends object>(lists: Iterable<readonly T[]>, key: (row: T) => string, add: (into: T, row: T) => void): T[] {
  const byKey = new Map<string, T>()
  for (const rows of lists) {
    for (const row of rows) {
      const k = key(row)
      const into = byKey.get(k)
      if (into) add(into, row)
      else byKey.set(k, { ...row })
    }
  }
  return [...byKey.values()]
}

const addCountAndBytes = (into: RollupRow, row: RollupRow) => {
  into.c += row.c
  into.b += row.b
}

/** The logs table's column names in order, once per store (the appender fills them by position). */
const columnsOf = new WeakMap<Db, Promise<string[]>>()
export function logColumns(db: Db): Promise<string[]> {
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
 * Writes prepared batches durably in ONE transaction: the logs, their per-minute rollup, the
 * attribute-key catalog and what the rules dropped (the last three as deltas, deltas.ts). Either
 * all of it is stored or none of it.
 * Each batch's packed buffer is used up (appendPacked).
 */
export async function writePrepared(db: Db, batches: readonly PreparedBatch[]): Promise<void> {
  const c = db.ingestConnection
  const packed = batches.flatMap((b) => (b.packed ? [b.packed] : []))
  const drops = sumByKey(
    batches.map((b) => b.drops),
    (d) => `${d.envId}|${d.ruleId}|${d.minuteUs}`,
    (into, d) => {
      into.logs += d.logs
      into.bytes += d.bytes
    },
  )
  if (packed.length === 0 && drops.length === 0) return
  const columns = packed.length ? await logColumns(db) : []
  const rollup = sumByKey(batches.map((b) => b.rollup), (r) => `${r.e}|${r.m}|${r.l}|${r.s}`, addCountAndBytes)
  const slots = halfHours(rollup)
  const keys = sumByKey(batches.map((b) => b.keys), (r) => `${r.e}|${r.h}|${r.t}|${r.s}|${r.k}`, (into, r) => (into.c += r.c))
  await run(c, 'BEGIN TRANSACTION')
  try {
    if (packed.length) await withAppender(c, 'logs', (a) => appendPacked(a, columns, packed))
    // The counters as deltas (deltas.ts): appended, summed by readers, folded now and then.
    await appendRows(c, 'rollup_1m', rollup, appendRollupRow)
    await appendRows(c, 'rollup_30m', slots, appendRollupRow)
    await appendRows(c, 'attribute_keys', keys, (a, r) => {
      a.appendInteger(r.e)
      a.appendTimestamp(new DuckDBTimestampValue(BigInt(r.h)))
      a.appendVarchar(r.t)
      a.appendVarchar(r.s)
      a.appendVarchar(r.k)
      a.appendBigInt(BigInt(r.c))
    })
    await appendRows(c, 'rule_impact', drops, (a, d) => {
      a.appendInteger(d.envId)
      a.appendVarchar(d.ruleId)
      a.appendTimestamp(new DuckDBTimestampValue(BigInt(d.minuteUs)))
      a.appendBigInt(BigInt(d.logs))
      a.appendBigInt(BigInt(d.bytes))
    })
    await run(c, 'COMMIT')
  } catch (e) {
    await run(c, 'ROLLBACK').catch(() => undefined)
    throw e
  }
  noteDeltas(
    db,
    { rollup_1m: rollup.map((r) => r.m), rollup_30m: slots.map((r) => r.m), attribute_keys: keys.map((k) => k.h), rule_impact: drops.map((d) => d.minuteUs) },
    rollup.length + slots.length + keys.length + drops.length,
  )
}

/**
 * Appends to `table` in the caller's transaction: `fill` appends, then the rows reach the table
 * (this transaction's part of it) when the appender flushes. If `fill` throws, nothing it appended
 * is kept.
 */
async function withAppender(c: Db['ingestConnection'], table: string, fill: (a: DuckDBAppender) => void) {
  const appender = await c.createAppender(table)
  try {
    fill(appender)
    appender.flushSync()
  } catch (e) {
    appender.clear()
    throw e
  } finally {
    appender.closeSync()
  }
}

/** Rows appended to `table` in the caller's transaction, each by `write` (one value per column, in order). */
async function appendRows<T>(c: Db['ingestConnection'], table: string, rows: readonly T[], write: (a: DuckDBAppender, row: T) => void) {
  if (rows.length === 0) return
  await withAppender(c, table, (a) => {
    for (const row of rows) {
      write(a, row)
      a.endRow()
    }
  })
}

function appendRollupRow(a: DuckDBAppender, r: RollupRow) {
  a.appendInteger(r.e)
  a.appendTimestamp(new DuckDBTimestampValue(BigInt(r.m)))
  a.appendVarchar(r.s)
  a.appendUTinyInt(r.l)
  a.appendBigInt(BigInt(r.c))
  a.appendBigInt(BigInt(r.b))
}

/** Prepares and writes batches on this thread, in ONE transaction (writePrepared). */
export async function writeBatch(db: Db, batches: LogBatch[], drops: RuleDrop[]): Promise<void> {
  const names = await logColumns(db)
  await writePrepared(db, [...batches.map((b) => prepareBatch(names, b, [])), { logs: 0, packed: null, rollup: [], keys: [], drops }])
}

const slotOf = (minuteUs: number) => Math.floor(minuteUs / HALF_HOUR_US) * HALF_HOUR_US

/** The per-minute rollup rows summed per half hour (`m` becomes the slot's start). */
function halfHours(minutes: readonly RollupRow[]): RollupRow[] {
  return sumByKey([minutes], (r) => `${r.e}|${slotOf(r.m)}|${r.l}|${r.s}`, addCountAndBytes).map((r) => ({ ...r, m: slotOf(r.m) }))
}

/**
 * Appends packed batches to `appender` (an appender on `logs` whose columns are `names`, in order),
 * one DuckDB chunk per packed chunk. Each batch's buffer is changed (its heap entries get their
 * pointers) and must not be appended again. Throws, having appended part of them, when the table's
 * columns are not what was packed: the caller's transaction must then roll back.
 */
function appendPacked(appender: DuckDBAppender, names: readonly string[], batches: readonly PackedLogs[]): void {
  const types = names.map((name, i) => {
    const packed = packedType(name)
    const type = appender.columnType(i)
    if (type.toString() !== packed.type || (type.alias ?? null) !== packed.alias) {
      throw new Error(`The logs column "${name}" is ${type.toString()}${type.alias ? ` (${type.alias})` : ''}; the ingest writer writes ${packed.type}${packed.alias ? ` (${packed.alias})` : ''}.`)
    }
    return type
  })
  const chunk = DuckDBDataChunk.create(types)
  for (const batch of batches) {
    if (batch.names.length !== names.length || batch.names.some((name, i) => name !== names[i])) {
      throw new Error(`A batch was packed for the logs columns (${batch.names.join(', ')}), not (${names.join(', ')}).`)
    }
    const words = new Uint32Array(batch.buffer)
    const layout = batch.layout
    const chunkInts = 1 + SLOT_INTS * names.length
    for (let at = 0; at < layout.length; at += chunkInts) {
      const n = layout[at]!
      chunk.reset()
      chunk.rowCount = n
      for (let c = 0; c < names.length; c++) {
        const slot = at + 1 + c * SLOT_INTS
        const v = duckdb.data_chunk_get_vector(chunk.chunk, c)
        const data = layout[slot + SLOT_DATA]!
        const heapBytes = layout[slot + SLOT_HEAP_BYTES]!
        if (heapBytes > 0) pointAtHeap(v, words, data, n, new Uint8Array(batch.buffer, layout[slot + SLOT_HEAP]!, heapBytes))
        duckdb.copy_data_to_vector(v, 0, batch.buffer, data, layout[slot + SLOT_DATA_BYTES]!)
        const valid = layout[slot + SLOT_VALIDITY]!
        if (valid >= 0) {
          duckdb.vector_ensure_validity_writable(v)
          duckdb.copy_data_to_vector_validity(v, 0, batch.buffer, valid, validityBytes(n))
        }
      }
      appender.appendDataChunk(chunk)
    }
  }
}

/**
 * Copies a text column's heap into the chunk's string heap — DuckDB copies it, as the string of row
 * 0 for now; that entry's pointer is where the copy starts — and turns the heap offsets of the
 * column's packed entries (at byte `data` of `words`' buffer) into pointers into that copy. Every
 * entry longer than 12 bytes points into the heap; shorter ones are inline.
 */
function pointAtHeap(v: duckdb.Vector, words: Uint32Array, data: number, n: number, heapBytes: Uint8Array) {
  duckdb.vector_assign_string_element_len(v, 0, heapBytes)
  const entry = new Uint32Array(duckdb.vector_get_data(v, 16).slice(0, 16).buffer)
  const baseLo = entry[2]!
  const baseHi = entry[3]!
  const first = data >>> 2
  for (let i = 0; i < n; i++) {
    const e = first + i * 4
    if (words[e]! > 12) {
      const lo = baseLo + words[e + 2]!
      words[e + 2] = lo >>> 0
      words[e + 3] = (baseHi + (lo > 0xffffffff ? 1 : 0)) >>> 0
    }
  }
}
