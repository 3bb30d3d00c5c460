/**
 * The logs of one flush → DuckDB data chunks → the ingest connection's appender, column by column.
 *
 * Why not `read_json` of an NDJSON file (the writer before this): every log was turned into a JSON
 * object and a JSON line in JS, written to a temp file, and parsed back by DuckDB — the attribute
 * objects parsed and printed once more for the JSON columns. Here each column is filled from the
 * records directly: fixed-width columns are packed into typed arrays and copied into the chunk's
 * vector in one call; text columns cost one native call per string that is not already in the
 * chunk, or none at all for short ASCII strings (written inline, as DuckDB keeps strings of up to
 * 12 bytes) and repeats (the resource's JSON, service names, routes: their entry points at the
 * copy DuckDB already holds for the chunk).
 *
 * The layouts written here are DuckDB's C API ones (duckdb.h): `duckdb_string_t` (16 bytes: a
 * uint32 length, then up to 12 inline bytes, or a 4-byte prefix and a pointer), `duckdb_hugeint`
 * for UUIDs (lower uint64, then upper int64 with its top bit flipped), int64 microseconds for
 * TIMESTAMP, and validity masks of uint64 words. The appender copies every value it is given, so a
 * chunk is reset and refilled for the next 2,048 rows.
 */
import { DuckDBDataChunk, DuckDBTypeId, type DuckDBAppender } from '@duckdb/node-api'
// The native layer under @duckdb/node-api (its exact-version dependency): the API's vector
// classes copy values one by one and keep validity as BigInts, which costs more than the data.
import duckdb from '@duckdb/node-bindings'
import { logPath, type LogRecord } from '../logs/record'
import { sampleKey } from '../rules/engine'
import { keyBitsOf } from './key-bits'
import { HOT_ATTRIBUTE_COLUMNS, LEVEL_CODES } from './log-filters'

export const CHUNK_ROWS = 2048

/** One chunk's worth of rows, with what several columns derive from each record. */
interface Rows {
  envId: number
  records: LogRecord[]
  start: number
  n: number
  /** Per row: key-bits halves, sample key, attributes as JSON, path. */
  kh: Uint32Array
  kl: Uint32Array
  sample: Uint32Array
  json: string[]
  path: (string | null)[]
}

type Vector = duckdb.Vector

/** How a text column's repeats are found: not at all, the row before, or any row of the chunk. */
type Repeats = 'none' | 'previous' | 'any'

interface Column {
  type: DuckDBTypeId
  /** JSON columns are VARCHAR with this alias. */
  alias?: string
  fill(v: Vector, rows: Rows): void
}

// Scratch space shared by every fill (one flush at a time per process, and fills are synchronous).
const scratch = new ArrayBuffer(CHUNK_ROWS * 16)
const bytes = new Uint8Array(scratch)
const u32 = new Uint32Array(scratch)
const i32 = new Int32Array(scratch)
const validity = new Uint32Array(CHUNK_ROWS / 32)
const kinds = new Uint8Array(CHUNK_ROWS)
const sources = new Int32Array(CHUNK_ROWS)

const NULL = 0
const INLINE = 1
/** Its bytes are in the column's heap copy (see text). */
const NATIVE = 2
const COPY = 3

/** Marks row i NULL in the validity scratch; returns true so callers can note that one was. */
function clearValid(i: number): true {
  validity[i >>> 5]! &= ~(1 << (i & 31))
  return true
}

function resetValidity(n: number) {
  validity.fill(0xffffffff, 0, (n + 31) >>> 5)
}

function flushValidity(v: Vector, n: number, anyNull: boolean) {
  if (!anyNull) return
  duckdb.vector_ensure_validity_writable(v)
  duckdb.copy_data_to_vector_validity(v, 0, validity.buffer, 0, ((n + 63) >>> 6) * 8)
}

/** Fixed-width column: `write(row, i)` puts row i's value into the scratch views; null when NULL. */
function fixed(type: DuckDBTypeId, width: number, write: (rows: Rows, i: number) => boolean): Column {
  return {
    type,
    fill(v, rows) {
      const n = rows.n
      resetValidity(n)
      let anyNull = false
      for (let i = 0; i < n; i++) {
        if (!write(rows, i)) {
          anyNull = clearValid(i)
          bytes.fill(0, i * width, (i + 1) * width)
        }
      }
      duckdb.copy_data_to_vector(v, 0, scratch, 0, n * width)
      flushValidity(v, n, anyNull)
    },
  }
}

/** int64 microseconds as two uint32 halves (exact for any safe integer, negative ones too). */
function putInt64(i: number, value: number) {
  const hi = Math.floor(value / 4294967296)
  u32[i * 2] = value - hi * 4294967296
  u32[i * 2 + 1] = hi
}

/** Writes a string of up to 12 ASCII characters inline into entry i; false when it is not one. */
function putInline(i: number, s: string): boolean {
  const len = s.length
  if (len > 12) return false
  const at = i * 16
  for (let k = 0; k < len; k++) {
    const c = s.charCodeAt(k)
    if (c >= 0x80) return false
    bytes[at + 4 + k] = c
  }
  u32[i * 4] = len
  return true
}

/**
 * The UTF-8 of a chunk column's strings that are neither inline nor repeats, end to end: DuckDB
 * gets them in ONE native call (a call per string costs far more than the copy), and each row's
 * entry then points at its own bytes inside that copy.
 */
let heap = Buffer.allocUnsafe(1 << 20)
const KEEP_HEAP_BYTES = 16 << 20
const heapAt = new Int32Array(CHUNK_ROWS)

function text(get: (rows: Rows, i: number) => string | null, repeats: Repeats, alias?: string): Column {
  return {
    type: DuckDBTypeId.VARCHAR,
    alias,
    fill(v, rows) {
      const n = rows.n
      resetValidity(n)
      bytes.fill(0, 0, n * 16)
      let anyNull = false
      let used = 0
      const seen = repeats === 'any' ? new Map<string, number>() : null
      let previous: string | null = null
      let previousRow = -1
      for (let i = 0; i < n; i++) {
        const s = get(rows, i)
        if (s === null) {
          anyNull = clearValid(i)
          kinds[i] = NULL
          continue
        }
        if (putInline(i, s)) {
          kinds[i] = INLINE
          continue
        }
        const j = seen ? (seen.get(s) ?? -1) : repeats === 'previous' && previous === s ? previousRow : -1
        if (j >= 0) {
          kinds[i] = COPY
          sources[i] = j
          continue
        }
        // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
        if (heap.length - used < s.length * 3) {
          const grown = Buffer.allocUnsafe(Math.max(heap.length * 2, used + s.length * 3))
          heap.copy(grown, 0, 0, used)
          heap = grown
        }
        const length = heap.write(s, used, 'utf8')
        u32[i * 4] = length
        // Byte by byte: Buffer#copy costs more than these few bytes.
        const at = i * 16 + 4
        if (length <= 12) {
          // Short text with non-ASCII characters: DuckDB keeps up to 12 bytes inline, always.
          for (let k = 0; k < length; k++) bytes[at + k] = heap[used + k]!
          kinds[i] = INLINE
        } else {
          // The entry's prefix: the first 4 bytes.
          bytes[at] = heap[used]!
          bytes[at + 1] = heap[used + 1]!
          bytes[at + 2] = heap[used + 2]!
          bytes[at + 3] = heap[used + 3]!
          heapAt[i] = used
          used += length
          kinds[i] = NATIVE
          seen?.set(s, i)
          previous = s
          previousRow = i
        }
      }
      if (used > 0) {
        // DuckDB copies the bytes into the chunk's string heap, as the string of row 0 for now;
        // that entry's pointer is where the copy starts.
        duckdb.vector_assign_string_element_len(v, 0, heap.subarray(0, used))
        const entry = new Uint32Array(duckdb.vector_get_data(v, 16).slice(0, 16).buffer)
        const baseLo = entry[2]!
        const baseHi = entry[3]!
        for (let i = 0; i < n; i++) {
          const k = kinds[i]!
          if (k === NATIVE) {
            const lo = baseLo + heapAt[i]!
            u32[i * 4 + 2] = lo >>> 0
            u32[i * 4 + 3] = (baseHi + (lo > 0xffffffff ? 1 : 0)) >>> 0
          } else if (k === COPY) {
            const j = sources[i]!
            u32[i * 4] = u32[j * 4]!
            u32[i * 4 + 1] = u32[j * 4 + 1]!
            u32[i * 4 + 2] = u32[j * 4 + 2]!
            u32[i * 4 + 3] = u32[j * 4 + 3]!
          }
        }
        if (heap.length > KEEP_HEAP_BYTES) heap = Buffer.allocUnsafe(1 << 20)
      }
      duckdb.copy_data_to_vector(v, 0, scratch, 0, n * 16)
      flushValidity(v, n, anyNull)
    },
  }
}

const HEX = new Int8Array(128).fill(-1)
for (let c = 0; c < 16; c++) HEX['0123456789abcdef'.charCodeAt(c)] = c
for (let c = 10; c < 16; c++) HEX['ABCDEF'.charCodeAt(c - 10)] = c

/** Where each of a UUID's 16 bytes (big-endian) is spelled: two hex digits at these offsets. */
const UUID_DIGITS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]

/** A UUID in DuckDB's storage form into entry i: big-endian bytes b0..b15 → lower = b8..b15, upper = b0..b7 ^ 2^63. */
function putUuid(i: number, u: string) {
  if (u.length !== 36 || u.charCodeAt(8) !== 45 || u.charCodeAt(13) !== 45 || u.charCodeAt(18) !== 45 || u.charCodeAt(23) !== 45) {
    throw new Error(`Not a UUID: ${JSON.stringify(u)}`)
  }
  const at = i * 16 + 15
  let bad = 0
  for (let b = 0; b < 16; b++) {
    const k = UUID_DIGITS[b]!
    // Characters past 127 read as undefined | 0 = 0 below; `bad` catches them with the -1s.
    const h = HEX[u.charCodeAt(k) & 0x7f]! | (u.charCodeAt(k) >> 7 ? -1 : 0)
    const l = HEX[u.charCodeAt(k + 1) & 0x7f]! | (u.charCodeAt(k + 1) >> 7 ? -1 : 0)
    bad |= h | l
    // Byte b of the big-endian value sits at offset 15 - b of the little-endian hugeint.
    bytes[at - b] = (h << 4) | l
  }
  if (bad < 0) throw new Error(`Not a UUID: ${JSON.stringify(u)}`)
  bytes[at] ^= 0x80
}

const hotKeys = new Map(Object.entries(HOT_ATTRIBUTE_COLUMNS).map(([key, column]) => [column, key]))

/** The resource's JSON, once per resource map (records of one resource share the frozen map). */
const resourceJson = new WeakMap<object, string>()
function resourceText(attributes: Record<string, string>): string {
  let json = resourceJson.get(attributes)
  if (json === undefined) {
    json = JSON.stringify(attributes)
    if (Object.isFrozen(attributes)) resourceJson.set(attributes, json)
  }
  return json
}

const rec = (rows: Rows, i: number) => rows.records[rows.start + i]!

/** Every column of `logs` by name: what it holds, how it is filled. */
const COLUMNS: Record<string, Column> = {
  env_id: fixed(DuckDBTypeId.INTEGER, 4, (rows, i) => ((i32[i] = rows.envId), true)),
  uuid: {
    type: DuckDBTypeId.UUID,
    fill(v, rows) {
      for (let i = 0; i < rows.n; i++) putUuid(i, rec(rows, i).uuid)
      duckdb.copy_data_to_vector(v, 0, scratch, 0, rows.n * 16)
    },
  },
  timestamp: fixed(DuckDBTypeId.TIMESTAMP, 8, (rows, i) => (putInt64(i, rec(rows, i).timestampUs), true)),
  // 0 means unknown: NULL, as the NDJSON writer stored it.
  observed_timestamp: fixed(DuckDBTypeId.TIMESTAMP, 8, (rows, i) => {
    const us = rec(rows, i).observedUs
    if (!us) return false
    putInt64(i, us)
    return true
  }),
  severity_text: text((rows, i) => rec(rows, i).severityText, 'previous'),
  severity_number: fixed(DuckDBTypeId.UTINYINT, 1, (rows, i) => ((bytes[i] = rec(rows, i).severityNumber), true)),
  level: fixed(DuckDBTypeId.UTINYINT, 1, (rows, i) => ((bytes[i] = LEVEL_CODES[rec(rows, i).level]), true)),
  service_name: text((rows, i) => rec(rows, i).serviceName, 'previous'),
  body: text((rows, i) => rec(rows, i).body, 'none'),
  trace_id: text((rows, i) => rec(rows, i).traceId, 'previous'),
  span_id: text((rows, i) => rec(rows, i).spanId, 'none'),
  event_name: text((rows, i) => rec(rows, i).eventName, 'previous'),
  path: text((rows, i) => rows.path[i]!, 'any'),
  attributes: text((rows, i) => rows.json[i]!, 'none', 'JSON'),
  resource_attributes: text((rows, i) => resourceText(rec(rows, i).resourceAttributes), 'previous', 'JSON'),
  bytes: fixed(DuckDBTypeId.INTEGER, 4, (rows, i) => ((i32[i] = rec(rows, i).bytes), true)),
  sample_key: fixed(DuckDBTypeId.UINTEGER, 4, (rows, i) => ((u32[i] = rows.sample[i]!), true)),
  key_bits: fixed(DuckDBTypeId.UBIGINT, 8, (rows, i) => {
    u32[i * 2] = rows.kl[i]!
    u32[i * 2 + 1] = rows.kh[i]!
    return true
  }),
}
for (const [column, key] of hotKeys) COLUMNS[column] = text((rows, i) => rec(rows, i).attributes[key] ?? null, 'any')

/**
 * Appends every record of `batches` to `appender` (an appender on `logs` whose columns are
 * `names`, in order). Throws, having appended part of them, when a value cannot be stored: the
 * caller's transaction must then roll back.
 */
export function appendLogs(appender: DuckDBAppender, names: readonly string[], batches: readonly { envId: number; records: LogRecord[] }[]): void {
  const columns = names.map((name, i) => {
    const column = COLUMNS[name]
    if (!column) throw new Error(`The ingest writer does not know the logs column "${name}".`)
    const type = appender.columnType(i)
    if (type.typeId !== column.type || (column.alias ?? null) !== (type.alias ?? null)) {
      throw new Error(`The logs column "${name}" is ${type.toString()}; the ingest writer writes ${DuckDBTypeId[column.type]}${column.alias ? ` (${column.alias})` : ''}.`)
    }
    return column
  })
  const chunk = DuckDBDataChunk.create(names.map((_, i) => appender.columnType(i)))
  const rows: Rows = {
    envId: 0,
    records: [],
    start: 0,
    n: 0,
    kh: new Uint32Array(CHUNK_ROWS),
    kl: new Uint32Array(CHUNK_ROWS),
    sample: new Uint32Array(CHUNK_ROWS),
    json: new Array<string>(CHUNK_ROWS).fill(''),
    path: new Array<string | null>(CHUNK_ROWS).fill(null),
  }
  for (const { envId, records } of batches) {
    for (let start = 0; start < records.length; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, records.length - start)
      rows.envId = envId
      rows.records = records
      rows.start = start
      rows.n = n
      for (let i = 0; i < n; i++) {
        const r = records[start + i]!
        const [kh, kl] = keyBitsOf(r.attributes)
        rows.kh[i] = kh
        rows.kl[i] = kl
        rows.sample[i] = sampleKey(r.traceId || r.uuid)
        rows.json[i] = JSON.stringify(r.attributes)
        rows.path[i] = logPath(r.attributes) || null
      }
      chunk.reset()
      chunk.rowCount = n
      for (let c = 0; c < columns.length; c++) columns[c]!.fill(duckdb.data_chunk_get_vector(chunk.chunk, c), rows)
      appender.appendDataChunk(chunk)
    }
  }
  rows.records = []
}
