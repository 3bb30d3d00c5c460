/**
 * The logs of one flush → DuckDB data chunks → the ingest connection's appender, column by column.
 *
 * Why not `read_json` of an NDJSON file (the writer before this): every log was turned into a JSON
 * object and a JSON line in JS, written to a temp file, and parsed back by DuckDB — the attribute
 * objects parsed and printed once more for the JSON columns. Here each column is filled from the
 * records directly: one pass over a chunk's records reads every field into per-column arrays
 * (fixed-width ones already in DuckDB's layout, copied into the chunk's vector in one call); a text
 * column's strings that are not already in the chunk reach DuckDB in one native call (their
 * concatenation, when all ASCII), and short ASCII strings (written inline, as DuckDB keeps strings
 * of up to 12 bytes) and repeats (the resource's JSON, service names, routes: their entry points
 * at the copy DuckDB already holds for the chunk) cost none.
 *
 * The work is split in two so the per-log part can run on any thread (server/ingest/decode-pool.ts
 * runs it on worker threads): `packLogs` lays a batch's columns out in DuckDB's layout in one
 * transferable ArrayBuffer (pure JS), and `appendPacked` hands those bytes to a DuckDB chunk on the
 * thread that owns the connection (native calls: a few per column per chunk, plus setting each
 * heap string's pointer once its column's heap copy is in DuckDB).
 *
 * The layouts written here are DuckDB's C API ones (duckdb.h): `duckdb_string_t` (16 bytes: a
 * uint32 length, then up to 12 inline bytes, or a 4-byte prefix and a pointer), `duckdb_hugeint`
 * for UUIDs (lower uint64, then upper int64 with its top bit flipped), int64 microseconds for
 * TIMESTAMP, and validity masks of uint64 words. The appender copies every value it is given, so a
 * chunk is reset and refilled for the next 2,048 rows. A packed text entry longer than 12 bytes
 * holds its offset in the column's packed heap where DuckDB's pointer goes; `appendPacked` adds
 * the address of DuckDB's copy of that heap.
 */
import { logPath, setOwn, type LogRecord } from '../logs/record'
import { logSampleKey, statusNumber, storedStatus } from '../rules/engine'
import { putKeyBits } from './key-bits'
import { NO_RESOLVER, NO_RULE_SET } from './rule-sets'
import { HOT_ATTRIBUTE_COLUMNS, LEVEL_CODES } from './log-filters'

export const CHUNK_ROWS = 2048

/** One environment's logs for the writer, with what the rules said of each (absent: not evaluated against a recorded set). */
export interface LogBatch {
  envId: number
  records: readonly LogRecord[]
  /** The rule set the records were evaluated against (rule-sets.ts). */
  ruleSet?: number
  /** Per record, the position in that set of the rule that resolved it; absent: none did. */
  resolvers?: Uint16Array
}

/**
 * One chunk's worth of rows. A first pass over the records (gather) reads every field once into
 * these column arrays — fixed-width values straight into their typed arrays, text values into
 * string arrays — so each column's fill below is a tight loop with no per-row calls.
 */
interface Rows {
  n: number
  /** Indexed by TEXT_* below. */
  text: (string | null)[][]
  timestamp: Float64Array
  observed: Float64Array
  severity: Uint8Array
  level: Uint8Array
  bytes: Int32Array
  sample: Uint32Array
  /** The status `always_keep` compares, as engine.ts `storedStatus` keeps it (`statusNull`: NULL). */
  status: Int32Array
  statusNull: Uint8Array
  /** Key bits as [lo, hi] uint32 pairs (the little-endian UBIGINT). */
  keyBits: Uint32Array
  uuids: string[]
  envId: number
  /** The rule set every row of the chunk was evaluated against (rule-sets.ts), and each row's resolver in it. */
  ruleSet: number
  resolver: Uint16Array
}

const TEXT_SEVERITY = 0
const TEXT_SERVICE = 1
const TEXT_BODY = 2
const TEXT_TRACE = 3
const TEXT_SPAN = 4
const TEXT_EVENT = 5
const TEXT_PATH = 6
const TEXT_ATTRIBUTES = 7
const TEXT_RESOURCE = 8
/** The promoted attribute columns follow, in HOT_KEYS order. */
const TEXT_HOT = 9

/** How a text column's repeats are found: not at all, the row before, or any row of the chunk. */
type Repeats = 'none' | 'previous' | 'any'

/** The DuckDB type a column is packed for, as DuckDBType#toString() names it. */
type ColumnType = 'VARCHAR' | 'UUID' | 'TIMESTAMP' | 'UTINYINT' | 'USMALLINT' | 'INTEGER' | 'UINTEGER' | 'UBIGINT'

interface Column {
  type: ColumnType
  /** JSON columns are VARCHAR with this alias. */
  alias?: string
  /** Lays the chunk's values out in `out`; says where in `slot` (SLOT_* below). */
  pack(rows: Rows, out: Packer, slot: Int32Array): void
}

/** Where one column of one chunk sits in a packed buffer: 5 int32s per column, in this order. */
export const SLOT_DATA = 0
export const SLOT_DATA_BYTES = 1
/** The validity words, or -1 when every row is valid. */
export const SLOT_VALIDITY = 2
export const SLOT_HEAP = 3
export const SLOT_HEAP_BYTES = 4
export const SLOT_INTS = 5

/** A growing ArrayBuffer that a batch's columns are laid out in, every piece 16-byte aligned. */
class Packer {
  private buffer: ArrayBuffer
  private u8: Uint8Array
  private used = 0

  constructor(expectedBytes: number) {
    this.buffer = new ArrayBuffer(Math.max(expectedBytes, 1 << 16))
    this.u8 = new Uint8Array(this.buffer)
  }

  private grow(need: number) {
    if (need <= this.buffer.byteLength) return
    const bigger = new ArrayBuffer(Math.max(need, this.buffer.byteLength * 2))
    const u8 = new Uint8Array(bigger)
    u8.set(this.u8.subarray(0, this.used))
    this.buffer = bigger
    this.u8 = u8
  }

  /** The buffer, cut to what was used: it waits in the writer's queue, so slack would be held there too. */
  finish(): ArrayBuffer {
    return this.used < this.buffer.byteLength ? this.buffer.slice(0, this.used) : this.buffer
  }

  /** Copies `length` bytes of `from` in; returns where they start. */
  put(from: Uint8Array, length: number): number {
    const at = (this.used + 15) & ~15
    this.grow(at + length)
    this.u8.set(from.subarray(0, length), at)
    this.used = at + length
    return at
  }
}

// Scratch space shared by every pack (packing is synchronous: one chunk at a time per thread).
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

function packValidity(out: Packer, slot: Int32Array, n: number, anyNull: boolean) {
  slot[SLOT_VALIDITY] = anyNull ? out.put(new Uint8Array(validity.buffer), validityBytes(n)) : -1
}

export const validityBytes = (n: number) => ((n + 63) >>> 6) * 8

/**
 * A column whose gathered typed array is already in DuckDB's layout: one copy. `isNull`, when
 * given, marks the rows stored as NULL (non-zero).
 */
function direct(type: ColumnType, width: number, array: (rows: Rows) => ArrayBufferView, isNull?: (rows: Rows) => Uint8Array): Column {
  return {
    type,
    pack(rows, out, slot) {
      const n = rows.n
      const a = array(rows)
      slot[SLOT_DATA] = out.put(new Uint8Array(a.buffer, a.byteOffset, n * width), n * width)
      slot[SLOT_DATA_BYTES] = n * width
      if (!isNull) return
      const nulls = isNull(rows)
      let anyNull = false
      resetValidity(n)
      for (let i = 0; i < n; i++) if (nulls[i]) anyNull = clearValid(i)
      packValidity(out, slot, n, anyNull)
    },
  }
}

/** A 32-bit column holding one value for the whole chunk. */
function constant(type: 'INTEGER' | 'UINTEGER', value: (rows: Rows) => number): Column {
  return {
    type,
    pack(rows, out, slot) {
      ;(type === 'INTEGER' ? i32 : u32).fill(value(rows), 0, rows.n)
      slot[SLOT_DATA] = out.put(bytes, rows.n * 4)
      slot[SLOT_DATA_BYTES] = rows.n * 4
    },
  }
}

/** TIMESTAMP from microseconds; `zeroIsNull`: 0 means unknown and is stored as NULL. */
function timestamp(array: (rows: Rows) => Float64Array, zeroIsNull: boolean): Column {
  return {
    type: 'TIMESTAMP',
    pack(rows, out, slot) {
      const n = rows.n
      const values = array(rows)
      let anyNull = false
      if (zeroIsNull) resetValidity(n)
      for (let i = 0; i < n; i++) {
        const value = values[i]!
        if (zeroIsNull && !value) {
          anyNull = clearValid(i)
          u32[i * 2] = 0
          u32[i * 2 + 1] = 0
          continue
        }
        // int64 as two uint32 halves (exact for any safe integer, negative ones too).
        const hi = Math.floor(value / 4294967296)
        u32[i * 2] = value - hi * 4294967296
        u32[i * 2 + 1] = hi
      }
      slot[SLOT_DATA] = out.put(bytes, n * 8)
      slot[SLOT_DATA_BYTES] = n * 8
      packValidity(out, slot, n, anyNull)
    },
  }
}

/**
 * The UTF-8 of a chunk column's strings that are neither inline nor repeats, end to end: DuckDB
 * gets them in ONE native call (a call per string costs far more than the copy), and each row's
 * entry then points at its own bytes inside that copy.
 */
let heap = Buffer.allocUnsafe(1 << 20)
const KEEP_HEAP_BYTES = 16 << 20
const heapAt = new Int32Array(CHUNK_ROWS)
/** The rows whose text goes to the heap, and their strings, in row order. */
const pendingRows = new Int32Array(CHUNK_ROWS)
const pendingText: string[] = []
/** Past this many characters the strings are written one by one (bodies may be up to 1 MB each). */
const MAX_JOINED_CHARS = 1 << 22

function ensureHeap(used: number, more: number) {
  if (heap.length - used < more) {
    const grown = Buffer.allocUnsafe(Math.max(heap.length * 2, used + more))
    heap.copy(grown, 0, 0, used)
    heap = grown
  }
}

/**
 * Puts the pending strings into the heap and points their entries at them. Mostly ASCII: then all
 * of them go in ONE write of their concatenation (a native call per string costs more than the
 * copy), each string's bytes being as many as its characters. When the write shows any non-ASCII
 * character (more bytes than characters), they are written one by one instead — separately, so a
 * lone surrogate at the end of one string can never pair with one at the start of the next.
 * Returns the heap bytes used.
 */
function writePending(count: number, chars: number): number {
  let used = 0
  let ascii = false
  if (count > 1 && chars <= MAX_JOINED_CHARS) {
    pendingText.length = count
    const joined = pendingText.join('')
    ensureHeap(0, joined.length * 3)
    ascii = heap.write(joined, 0, 'utf8') === joined.length
    if (ascii) {
      for (let p = 0; p < count; p++) {
        const i = pendingRows[p]!
        const length = pendingText[p]!.length
        putHeapEntry(i, used, length)
        used += length
      }
    }
  }
  if (!ascii) {
    for (let p = 0; p < count; p++) {
      const i = pendingRows[p]!
      const s = pendingText[p]!
      // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
      ensureHeap(used, s.length * 3)
      const length = heap.write(s, used, 'utf8')
      if (length <= 12) {
        // Short text with non-ASCII characters: DuckDB keeps up to 12 bytes inline, always.
        u32[i * 4] = length
        const at = i * 16 + 4
        for (let k = 0; k < length; k++) bytes[at + k] = heap[used + k]!
        kinds[i] = INLINE
      } else {
        putHeapEntry(i, used, length)
        used += length
      }
    }
  }
  pendingText.length = 0
  return used
}

/** Entry i: `length` bytes at heap offset `at` (the pointer is set once the heap is in DuckDB). */
function putHeapEntry(i: number, at: number, length: number) {
  u32[i * 4] = length
  // The entry's prefix: the first 4 bytes. Byte by byte: Buffer#copy costs more than these few bytes.
  const e = i * 16 + 4
  bytes[e] = heap[at]!
  bytes[e + 1] = heap[at + 1]!
  bytes[e + 2] = heap[at + 2]!
  bytes[e + 3] = heap[at + 3]!
  heapAt[i] = at
  kinds[i] = NATIVE
}

function text(index: number, repeats: Repeats, alias?: string): Column {
  return {
    type: 'VARCHAR',
    alias,
    pack(rows, out, slot) {
      const n = rows.n
      const values = rows.text[index]!
      resetValidity(n)
      bytes.fill(0, 0, n * 16)
      let anyNull = false
      let pending = 0
      let pendingChars = 0
      // Repeats point at the first row holding the string (any), or at the row before (previous).
      const seen = repeats === 'any' ? new Map<string, number>() : null
      let previous: string | null = null
      let previousRow = -1
      for (let i = 0; i < n; i++) {
        const s = values[i]!
        if (s === null) {
          anyNull = clearValid(i)
          kinds[i] = NULL
          continue
        }
        const len = s.length
        if (len <= 12) {
          // Up to 12 ASCII characters: inline in the entry.
          const at = i * 16 + 4
          let k = 0
          for (; k < len; k++) {
            const c = s.charCodeAt(k)
            if (c >= 0x80) break
            bytes[at + k] = c
          }
          if (k === len) {
            u32[i * 4] = len
            kinds[i] = INLINE
            continue
          }
        }
        const j = seen ? (seen.get(s) ?? -1) : repeats === 'previous' && previous === s ? previousRow : -1
        if (j >= 0) {
          kinds[i] = COPY
          sources[i] = j
          continue
        }
        pendingRows[pending] = i
        pendingText[pending++] = s
        pendingChars += len
        seen?.set(s, i)
        previous = s
        previousRow = i
      }
      const used = pending ? writePending(pending, pendingChars) : 0
      slot[SLOT_HEAP] = used > 0 ? out.put(heap, used) : 0
      slot[SLOT_HEAP_BYTES] = used
      if (used > 0) {
        // The pointer half of a heap entry holds its offset in this heap for now (appendPacked).
        for (let i = 0; i < n; i++) {
          if (kinds[i] === NATIVE) {
            u32[i * 4 + 2] = heapAt[i]!
            u32[i * 4 + 3] = 0
          }
        }
        if (heap.length > KEEP_HEAP_BYTES) heap = Buffer.allocUnsafe(1 << 20)
      }
      // Repeats copy their source's entry: a short non-ASCII string may have become inline.
      for (let i = 0; i < n; i++) {
        if (kinds[i] === COPY) {
          const j = sources[i]!
          u32[i * 4] = u32[j * 4]!
          u32[i * 4 + 1] = u32[j * 4 + 1]!
          u32[i * 4 + 2] = u32[j * 4 + 2]!
          u32[i * 4 + 3] = u32[j * 4 + 3]!
        }
      }
      slot[SLOT_DATA] = out.put(bytes, n * 16)
      slot[SLOT_DATA_BYTES] = n * 16
      packValidity(out, slot, n, anyNull)
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

/** The promoted attribute keys, in TEXT_HOT order. */
const HOT_KEYS = Object.keys(HOT_ATTRIBUTE_COLUMNS)

/** Every column of `logs` by name: what it holds, how it is filled. */
const COLUMNS: Record<string, Column> = {
  env_id: constant('INTEGER', (rows) => rows.envId),
  uuid: {
    type: 'UUID',
    pack(rows, out, slot) {
      for (let i = 0; i < rows.n; i++) putUuid(i, rows.uuids[i]!)
      slot[SLOT_DATA] = out.put(bytes, rows.n * 16)
      slot[SLOT_DATA_BYTES] = rows.n * 16
    },
  },
  timestamp: timestamp((rows) => rows.timestamp, false),
  // 0 means unknown: NULL, as the NDJSON writer stored it.
  observed_timestamp: timestamp((rows) => rows.observed, true),
  severity_text: text(TEXT_SEVERITY, 'previous'),
  severity_number: direct('UTINYINT', 1, (rows) => rows.severity),
  level: direct('UTINYINT', 1, (rows) => rows.level),
  service_name: text(TEXT_SERVICE, 'previous'),
  body: text(TEXT_BODY, 'none'),
  trace_id: text(TEXT_TRACE, 'previous'),
  span_id: text(TEXT_SPAN, 'none'),
  event_name: text(TEXT_EVENT, 'previous'),
  path: text(TEXT_PATH, 'any'),
  attributes: text(TEXT_ATTRIBUTES, 'none', 'JSON'),
  resource_attributes: text(TEXT_RESOURCE, 'previous', 'JSON'),
  bytes: direct('INTEGER', 4, (rows) => rows.bytes),
  sample_key: direct('UINTEGER', 4, (rows) => rows.sample),
  key_bits: direct('UBIGINT', 8, (rows) => rows.keyBits),
  rule_set: constant('UINTEGER', (rows) => rows.ruleSet),
  resolver: direct('USMALLINT', 2, (rows) => rows.resolver),
  status_number: direct('INTEGER', 4, (rows) => rows.status, (rows) => rows.statusNull),
}
HOT_KEYS.forEach((key, k) => (COLUMNS[HOT_ATTRIBUTE_COLUMNS[key]!] = text(TEXT_HOT + k, 'any')))

/** Every column packLogs can fill (the logs table's, not necessarily in its order). */
export const PACKED_COLUMNS: readonly string[] = Object.keys(COLUMNS)

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

/** Reads records [start, start + n) into `rows`' column arrays, from row `at` on. */
function gather(rows: Rows, at: number, records: readonly LogRecord[], start: number, n: number) {
  const t = rows.text
  const severityText = t[TEXT_SEVERITY]!
  const service = t[TEXT_SERVICE]!
  const body = t[TEXT_BODY]!
  const trace = t[TEXT_TRACE]!
  const span = t[TEXT_SPAN]!
  const event = t[TEXT_EVENT]!
  const path = t[TEXT_PATH]!
  const json = t[TEXT_ATTRIBUTES]!
  const resource = t[TEXT_RESOURCE]!
  const hot = HOT_KEYS.map((_, k) => t[TEXT_HOT + k]!)
  const hotCount = HOT_KEYS.length
  let lastResource: Record<string, string> | null = null
  let lastResourceJson = ''
  for (let i = 0; i < n; i++) {
    const r = records[start + i]!
    const row = at + i
    const attributes = r.attributes
    rows.uuids[row] = r.uuid
    rows.timestamp[row] = r.timestampUs
    rows.observed[row] = r.observedUs
    rows.severity[row] = r.severityNumber
    rows.level[row] = LEVEL_CODES[r.level]
    rows.bytes[row] = r.bytes
    rows.sample[row] = logSampleKey(r.traceId, r.uuid)
    const status = storedStatus(statusNumber(attributes))
    rows.status[row] = status ?? 0
    rows.statusNull[row] = status === null ? 1 : 0
    putKeyBits(attributes, rows.keyBits, row * 2)
    severityText[row] = r.severityText
    service[row] = r.serviceName
    body[row] = r.body
    trace[row] = r.traceId
    span[row] = r.spanId
    event[row] = r.eventName
    path[row] = logPath(attributes) || null
    let anyHot = false
    for (let k = 0; k < hotCount; k++) {
      const value = attributes[HOT_KEYS[k]!]
      hot[k]![row] = value ?? null
      if (value !== undefined) anyHot = true
    }
    json[row] = JSON.stringify(anyHot ? withoutHotKeys(attributes) : attributes)
    if (r.resourceAttributes !== lastResource) {
      lastResource = r.resourceAttributes
      lastResourceJson = resourceText(lastResource)
    }
    resource[row] = lastResourceJson
  }
}

/**
 * The attributes the JSON column keeps: all but the promoted keys, which are stored once, in their
 * columns (store/logs.ts puts them back in a log it reads; schema 5 in migrations.ts).
 */
function withoutHotKeys(attributes: Record<string, string>): Record<string, string> {
  const rest: Record<string, string> = {}
  for (const key in attributes) if (!Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, key)) setOwn(rest, key, attributes[key]!)
  return rest
}

/** A batch's columns laid out for DuckDB (packLogs), ready to cross to the thread that appends them. */
export interface PackedLogs {
  /** The column names packed, in the logs table's order. */
  names: readonly string[]
  rows: number
  /** Transferable: every chunk's column data, validity and heaps. */
  buffer: ArrayBuffer
  /** Per chunk: its row count, then SLOT_INTS per column. */
  layout: Int32Array
}

function newRows(): Rows {
  return {
    n: 0,
    text: Array.from({ length: TEXT_HOT + HOT_KEYS.length }, () => new Array<string | null>(CHUNK_ROWS).fill(null)),
    timestamp: new Float64Array(CHUNK_ROWS),
    observed: new Float64Array(CHUNK_ROWS),
    severity: new Uint8Array(CHUNK_ROWS),
    level: new Uint8Array(CHUNK_ROWS),
    bytes: new Int32Array(CHUNK_ROWS),
    sample: new Uint32Array(CHUNK_ROWS),
    status: new Int32Array(CHUNK_ROWS),
    statusNull: new Uint8Array(CHUNK_ROWS),
    keyBits: new Uint32Array(CHUNK_ROWS * 2),
    uuids: new Array<string>(CHUNK_ROWS).fill(''),
    envId: 0,
    ruleSet: NO_RULE_SET,
    resolver: new Uint16Array(CHUNK_ROWS),
  }
}
/** One per thread (packing is synchronous), lent to one LogPacker at a time: the one holding the latest lease. */
let sharedRows: Rows | null = null
let rowsLease = 0

/** Roughly what a log takes packed (fixed columns, text entries, a share of the heaps): the first guess at the buffer's size. */
const PACKED_BYTES_PER_LOG = 640

/**
 * Lays out the columns `names` (the logs table's, in order) of a batch's records (pure JS, any
 * thread) as they come: the decoding workers hand each slice of a payload over as soon as it is
 * decided, so its records can go before the next are decoded. Every 2,048 rows make a chunk, laid
 * out at once; `finish` lays out the last one. `add` throws when a value cannot be stored (a uuid
 * that is not one). One packer per thread at a time: a new one takes over the thread's rows.
 */
export class LogPacker {
  private readonly columns: Column[]
  private readonly rows: Rows
  private readonly out: Packer
  private readonly chunkInts: number
  /** Per chunk: its row count, then SLOT_INTS per column. */
  private layout: Int32Array
  private chunks = 0
  private logs = 0
  private readonly lease = ++rowsLease

  constructor(
    private readonly names: readonly string[],
    envId: number,
    ruleSet: number = NO_RULE_SET,
    expectedLogs = CHUNK_ROWS,
  ) {
    this.columns = names.map(columnNamed)
    this.rows = sharedRows ??= newRows()
    this.rows.n = 0
    this.rows.envId = envId
    this.rows.ruleSet = ruleSet
    this.chunkInts = 1 + SLOT_INTS * this.columns.length
    this.layout = new Int32Array(Math.ceil(Math.max(expectedLogs, 1) / CHUNK_ROWS) * this.chunkInts)
    this.out = new Packer(expectedLogs * PACKED_BYTES_PER_LOG)
  }

  /** `resolvers`: per record, the position of the rule that resolved it (absent: none did). */
  add(records: readonly LogRecord[], resolvers?: Uint16Array): void {
    const rows = this.rows
    if (rowsLease !== this.lease) throw new Error('Another LogPacker has taken this thread’s rows.')
    for (let start = 0; start < records.length; ) {
      const at = rows.n
      const n = Math.min(CHUNK_ROWS - at, records.length - start)
      if (resolvers) rows.resolver.set(resolvers.subarray(start, start + n), at)
      else rows.resolver.fill(NO_RESOLVER, at, at + n)
      gather(rows, at, records, start, n)
      rows.n = at + n
      start += n
      if (rows.n === CHUNK_ROWS) this.packChunk()
    }
  }

  private packChunk() {
    const rows = this.rows
    const at = this.chunks++ * this.chunkInts
    if (at + this.chunkInts > this.layout.length) {
      const bigger = new Int32Array(this.layout.length * 2 + this.chunkInts)
      bigger.set(this.layout)
      this.layout = bigger
    }
    const layout = this.layout
    layout[at] = rows.n
    for (let c = 0; c < this.columns.length; c++) {
      const slot = layout.subarray(at + 1 + c * SLOT_INTS, at + 1 + (c + 1) * SLOT_INTS)
      slot[SLOT_VALIDITY] = -1
      this.columns[c]!.pack(rows, this.out, slot)
    }
    this.logs += rows.n
    rows.n = 0
  }

  /** The batch laid out; null when it has no logs. */
  finish(): PackedLogs | null {
    if (rowsLease !== this.lease) throw new Error('Another LogPacker has taken this thread’s rows.')
    if (this.rows.n > 0) this.packChunk()
    // Strings left in the gathered rows would stay reachable until the next batch.
    for (const column of this.rows.text) column.fill(null)
    rowsLease++
    if (this.logs === 0) return null
    return { names: this.names, rows: this.logs, buffer: this.out.finish(), layout: this.layout.slice(0, this.chunks * this.chunkInts) }
  }
}

/** A whole batch laid out at once (LogPacker); throws when a value cannot be stored. */
export function packLogs(names: readonly string[], batch: LogBatch): PackedLogs | null {
  const packer = new LogPacker(names, batch.envId, batch.ruleSet, batch.records.length)
  packer.add(batch.records, batch.resolvers)
  return packer.finish()
}

function columnNamed(name: string): Column {
  const column = COLUMNS[name]
  if (!column) throw new Error(`The ingest writer does not know the logs column "${name}".`)
  return column
}

/** The DuckDB type (and alias, for JSON) the logs column `name` is packed as; throws for a column it does not know. */
export function packedType(name: string): { type: ColumnType; alias: string | null } {
  const column = columnNamed(name)
  return { type: column.type, alias: column.alias ?? null }
}
