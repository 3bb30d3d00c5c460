/**
 * OTLP protobuf (ExportLogsServiceRequest) → RecordSink, read straight off the wire.
 *
 * Hand-rolled rather than generated: no intermediate message objects, AnyValues are converted to
 * the record's strings while being read, and every read is bounds-checked against the enclosing
 * message so a hostile length can never reach past it. Field numbers follow
 * opentelemetry/proto/{collector/logs,logs,resource,common}/v1.
 */
import type { RecordSink } from './otlp'

const VARINT = 0
const FIXED64 = 1
const LEN = 2
const START_GROUP = 3
const END_GROUP = 4
const FIXED32 = 5

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32', '6', '7']

/** AnyValue members (their field numbers); NONE when the value is empty. */
const NONE = 0
const STRING = 1
const BOOL = 2
const INT = 3
const DOUBLE = 4
const ARRAY = 5
const KVLIST = 6
const BYTES = 7

/** 2^32 = 4294967 * 1000 + 296: lets nanoseconds become microseconds without leaving exact integers. */
const TWO_32_DIV_1000 = 4294967
const TWO_32_MOD_1000 = 296

/** Unknown start-group fields are skipped recursively; this bounds that recursion. */
const MAX_GROUP_DEPTH = 32

/** Strings up to this many bytes are decoded in JS (V8 keeps concatenations this short flat). */
const SHORT_STRING = 12
const MAX_CACHED_KEY = 64
const KEY_CACHE_SIZE = 4096
/** Shared by all payloads: keys repeat across requests too. Strings are immutable, so sharing is safe. */
const keyCache: string[] = new Array<string>(KEY_CACHE_SIZE).fill('')
/**
 * String attribute values get a cache of their own (so a flood of distinct values cannot evict the
 * keys): routes, methods, status codes, hosts repeat from log to log. A repeat is then no new
 * string to collect, and the writer's repeat checks (store/ingest-chunks.ts) meet a string whose
 * hash V8 has already computed. (With the two changes made beside it — the promoted keys left out
 * of the JSON text, uuids kept out of the sample-key cache — decode + prepare of the bench's
 * payloads took 8.7 ± 2.8 % less CPU per log, old and new builds alternated 14 times.)
 */
const VALUE_CACHE_SIZE = 8192
const valueCache: string[] = new Array<string>(VALUE_CACHE_SIZE).fill('')

/**
 * A cursor over the payload. Reads take the end of the enclosing message as their limit. Values
 * that do not fit one number (64-bit varints, a scanned AnyValue, a scanned KeyValue) are left in
 * fields, to be copied out by the caller before it reads on.
 */
class Reader {
  pos = 0
  /** The last 64-bit value read, as unsigned 32-bit halves. */
  lo = 0
  hi = 0
  /** The last scanned AnyValue: its member, then where its bytes are, its number (bool, double) or its int64 halves. */
  kind = NONE
  start = 0
  end = 0
  num = 0
  intLo = 0
  intHi = 0
  /** The last scanned KeyValue: where its key and value are (-1 when absent). */
  keyStart = -1
  keyEnd = -1
  valueStart = -1
  valueEnd = -1

  constructor(
    readonly buf: Buffer,
    readonly sink: RecordSink,
  ) {}

  truncated(): Error {
    return this.sink.fail('truncated message')
  }

  /** A varint that must fit 32 bits: tags and lengths. */
  u32(end: number): number {
    const buf = this.buf
    let pos = this.pos
    let value = 0
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.truncated()
      const b = buf[pos++]!
      value |= (b & 0x7f) << shift
      if (b < 0x80) {
        this.pos = pos
        return value
      }
    }
    if (pos >= end) throw this.truncated()
    const b = buf[pos++]!
    if (b > 0x0f) throw this.sink.fail('varint out of 32-bit range')
    this.pos = pos
    return value + b * 0x10000000
  }

  /** A varint of up to 64 bits, into lo/hi. */
  varint64(end: number): void {
    const buf = this.buf
    let pos = this.pos
    let lo = 0
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.truncated()
      const b = buf[pos++]!
      lo |= (b & 0x7f) << shift
      if (b < 0x80) return this.set64(pos, lo, 0)
    }
    if (pos >= end) throw this.truncated()
    let b = buf[pos++]!
    lo |= (b & 0x0f) << 28
    let hi = (b & 0x7f) >> 4
    if (b < 0x80) return this.set64(pos, lo, hi)
    for (let shift = 3; shift < 32; shift += 7) {
      if (pos >= end) throw this.truncated()
      b = buf[pos++]!
      hi |= (b & 0x7f) << shift
      if (b < 0x80) return this.set64(pos, lo, hi)
    }
    throw this.sink.fail('varint longer than 10 bytes')
  }

  private set64(pos: number, lo: number, hi: number): void {
    this.pos = pos
    this.lo = lo >>> 0
    this.hi = hi >>> 0
  }

  fixed64(end: number): void {
    const pos = this.pos
    if (end - pos < 8) throw this.truncated()
    const buf = this.buf
    this.lo = (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24)) >>> 0
    this.hi = (buf[pos + 4]! | (buf[pos + 5]! << 8) | (buf[pos + 6]! << 16) | (buf[pos + 7]! << 24)) >>> 0
    this.pos = pos + 8
  }

  /** Reads a length prefix; returns where the content ends, leaving pos at its start. */
  lenEnd(end: number): number {
    const len = this.u32(end)
    if (len > end - this.pos) throw this.truncated()
    return this.pos + len
  }

  /** A string field whose values repeat from record to record (severity text, event name). */
  repeatedString(end: number): string {
    const stop = this.lenEnd(end)
    const start = this.pos
    this.pos = stop
    return this.key(start, stop)
  }

  /**
   * UTF-8, invalid sequences replaced by U+FFFD. Short ASCII strings are built in JS: a call into
   * Buffer's native decoder costs more than the decoding (short enough to stay a flat string).
   */
  text(start: number, stop: number): string {
    if (stop - start > SHORT_STRING) return this.buf.toString('utf8', start, stop)
    const buf = this.buf
    let out = ''
    for (let i = start; i < stop; i++) {
      const c = buf[i]!
      if (c >= 0x80) return buf.toString('utf8', start, stop)
      out += String.fromCharCode(c)
    }
    return out
  }

  /**
   * Like text, for strings that repeat (attribute keys above all): short ASCII ones come from a
   * small direct-mapped cache (`cache`: the keys' or the values'), so a repeat costs a byte
   * comparison instead of a new string (and the property store that follows sees a string V8 has
   * already hashed and internalized).
   */
  key(start: number, stop: number, cache = keyCache): string {
    const n = stop - start
    if (n > MAX_CACHED_KEY) return this.text(start, stop)
    const buf = this.buf
    let hash = n
    for (let i = start; i < stop; i++) {
      const c = buf[i]!
      if (c >= 0x80) return this.text(start, stop)
      hash = (Math.imul(hash, 31) + c) | 0
    }
    const slot = (hash ^ (hash >>> 13)) & (cache.length - 1)
    const cached = cache[slot]!
    if (cached.length === n) {
      let i = 0
      while (i < n && cached.charCodeAt(i) === buf[start + i]) i++
      if (i === n) return cached
    }
    const key = buf.toString('latin1', start, stop)
    cache[slot] = key
    return key
  }

  /** A trace or span id: empty or exactly `size` bytes; all-zero means none. */
  id(end: number, size: 8 | 16): string {
    const stop = this.lenEnd(end)
    const start = this.pos
    this.pos = stop
    if (stop === start) return ''
    if (stop - start !== size) throw this.sink.fail(`must be ${size} bytes, got ${stop - start}`)
    const buf = this.buf
    for (let i = start; i < stop; i++) {
      if (buf[i] !== 0) return size === 8 ? hex8(buf, start) : hex8(buf, start) + hex8(buf, start + 8)
    }
    return ''
  }

  /** Nanoseconds (fixed64) as microseconds; -1 for 0, OTLP's "unknown". */
  nanosAsMicros(end: number): number {
    this.fixed64(end)
    const { lo, hi } = this
    if (lo === 0 && hi === 0) return -1
    return hi * TWO_32_DIV_1000 + Math.floor((hi * TWO_32_MOD_1000 + lo) / 1000)
  }

  expect(tag: number, wireType: number): void {
    if ((tag & 7) !== wireType) {
      throw this.sink.fail(`field ${tag >>> 3} must be ${WIRE_NAMES[wireType]}, got ${WIRE_NAMES[tag & 7]}`)
    }
  }

  /** Skips a field this decoder does not read: unknown ones (newer protos) and ignored ones. */
  skip(tag: number, end: number, groupDepth = 0): void {
    switch (tag & 7) {
      case VARINT:
        this.varint64(end)
        return
      case FIXED64:
        return this.advance(8, end)
      case LEN:
        this.pos = this.lenEnd(end)
        return
      case FIXED32:
        return this.advance(4, end)
      case START_GROUP: {
        if (groupDepth >= MAX_GROUP_DEPTH) throw this.sink.fail('groups nested too deeply')
        for (;;) {
          const inner = this.tag(end)
          if ((inner & 7) === END_GROUP) {
            if (inner >>> 3 !== tag >>> 3) throw this.sink.fail('mismatched end-group')
            return
          }
          this.skip(inner, end, groupDepth + 1)
        }
      }
      default:
        throw this.sink.fail(`unexpected wire type ${tag & 7}`)
    }
  }

  private advance(n: number, end: number): void {
    if (end - this.pos < n) throw this.truncated()
    this.pos += n
  }

  tag(end: number): number {
    const tag = this.u32(end)
    if (tag >>> 3 === 0) throw this.sink.fail('field number 0')
    return tag
  }

  /**
   * Scans the AnyValue in [pos, end) into kind/start/end/num/intLo/intHi. Protobuf merges a oneof by
   * letting the last member on the wire win, so the scan keeps the last one.
   */
  scanAnyValue(end: number): void {
    let kind = NONE
    while (this.pos < end) {
      const tag = this.tag(end)
      const field = tag >>> 3
      switch (field) {
        case STRING:
        case ARRAY:
        case KVLIST:
        case BYTES: {
          this.expect(tag, LEN)
          const stop = this.lenEnd(end)
          this.start = this.pos
          this.end = stop
          this.pos = stop
          kind = field
          break
        }
        case BOOL:
          this.expect(tag, VARINT)
          this.varint64(end)
          this.num = this.lo !== 0 || this.hi !== 0 ? 1 : 0
          kind = BOOL
          break
        case INT:
          this.expect(tag, VARINT)
          this.varint64(end)
          this.intLo = this.lo
          this.intHi = this.hi
          kind = INT
          break
        case DOUBLE:
          this.expect(tag, FIXED64)
          if (end - this.pos < 8) throw this.truncated()
          this.num = this.buf.readDoubleLE(this.pos)
          this.pos += 8
          kind = DOUBLE
          break
        default:
          this.skip(tag, end)
      }
    }
    this.kind = kind
  }

  /** Scans the KeyValue in [pos, end) into keyStart/keyEnd/valueStart/valueEnd (either may come first). */
  scanKeyValue(end: number): void {
    let keyStart = -1
    let keyEnd = -1
    let valueStart = -1
    let valueEnd = -1
    let field = 0
    try {
      while (this.pos < end) {
        field = 0
        const tag = this.tag(end)
        field = tag >>> 3
        if (field === 1 || field === 2) {
          this.expect(tag, LEN)
          const stop = this.lenEnd(end)
          if (field === 1) {
            keyStart = this.pos
            keyEnd = stop
          } else {
            valueStart = this.pos
            valueEnd = stop
          }
          this.pos = stop
        } else {
          this.skip(tag, end)
        }
      }
    } catch (e) {
      throw this.sink.at(e, field === 1 ? 'key' : field === 2 ? 'value' : null)
    }
    this.keyStart = keyStart
    this.keyEnd = keyEnd
    this.valueStart = valueStart
    this.valueEnd = valueEnd
  }
}

export function decodeProtoLogs(buf: Buffer, sink: RecordSink): void {
  const r = new Reader(buf, sink)
  const end = buf.length
  let index = 0
  let inField = false
  try {
    while (r.pos < end) {
      inField = false
      const tag = r.tag(end)
      if (tag >>> 3 === 1) {
        inField = true
        r.expect(tag, LEN)
        const stop = r.lenEnd(end)
        resourceLogs(r, stop)
        index++
      } else {
        r.skip(tag, end)
      }
    }
  } catch (e) {
    throw sink.at(e, inField ? `resourceLogs[${index}]` : null)
  }
}

/**
 * ResourceLogs: resource = 1, scope_logs = 2, schema_url = 3. The resource may follow its scope
 * logs on the wire, so a first pass reads the resource (and checks every field's framing) and a
 * second pass decodes the scope logs.
 */
function resourceLogs(r: Reader, end: number): void {
  const sink = r.sink
  const begin = r.pos
  let field = 0
  let scopes = 0
  sink.openAttributes()
  try {
    while (r.pos < end) {
      field = 0
      const tag = r.tag(end)
      field = tag >>> 3
      if (field === 1) {
        r.expect(tag, LEN)
        resource(r, r.lenEnd(end))
      } else {
        if (field === 2 || field === 3) r.expect(tag, LEN)
        r.skip(tag, end)
        if (field === 2) scopes++
      }
    }
  } catch (e) {
    throw sink.at(e, field === 1 ? 'resource' : field === 2 ? `scopeLogs[${scopes}]` : field === 3 ? 'schemaUrl' : null)
  }
  sink.closeResource()

  r.pos = begin
  let index = 0
  while (r.pos < end) {
    const tag = r.tag(end)
    if (tag >>> 3 === 2) {
      const stop = r.lenEnd(end)
      try {
        scopeLogs(r, stop)
      } catch (e) {
        throw sink.at(e, `scopeLogs[${index}]`)
      }
      index++
    } else {
      r.skip(tag, end)
    }
  }
}

/** Resource: attributes = 1, dropped_attributes_count = 2. */
function resource(r: Reader, end: number): void {
  let field = 0
  let index = 0
  try {
    while (r.pos < end) {
      field = 0
      const tag = r.tag(end)
      field = tag >>> 3
      if (field === 1) {
        r.expect(tag, LEN)
        attribute(r, r.lenEnd(end))
        index++
      } else {
        if (field === 2) r.expect(tag, VARINT)
        r.skip(tag, end)
      }
    }
  } catch (e) {
    throw r.sink.at(e, field === 1 ? `attributes[${index}]` : field === 2 ? 'droppedAttributesCount' : null)
  }
}

/** ScopeLogs: scope = 1 (not mapped), log_records = 2, schema_url = 3. */
function scopeLogs(r: Reader, end: number): void {
  let field = 0
  let index = 0
  try {
    while (r.pos < end) {
      field = 0
      const tag = r.tag(end)
      field = tag >>> 3
      if (field === 2) {
        r.expect(tag, LEN)
        logRecord(r, r.lenEnd(end))
        index++
      } else {
        if (field === 1 || field === 3) r.expect(tag, LEN)
        r.skip(tag, end)
      }
    }
  } catch (e) {
    throw r.sink.at(e, field === 2 ? `logRecords[${index}]` : field === 1 ? 'scope' : field === 3 ? 'schemaUrl' : null)
  }
}

const LOG_RECORD_FIELDS = [
  null,
  'timeUnixNano',
  'severityNumber',
  'severityText',
  null,
  'body',
  'attributes',
  'droppedAttributesCount',
  'flags',
  'traceId',
  'spanId',
  'observedTimeUnixNano',
  'eventName',
]

function logRecord(r: Reader, end: number): void {
  const sink = r.sink
  let timeUs = -1
  let observedUs = -1
  let severityNumber = 0
  let severityText = ''
  let body = ''
  let traceId = ''
  let spanId = ''
  let eventName = ''
  let field = 0
  let attributeIndex = 0
  sink.openAttributes()
  try {
    while (r.pos < end) {
      field = 0
      const tag = r.tag(end)
      field = tag >>> 3
      switch (field) {
        case 1:
          r.expect(tag, FIXED64)
          timeUs = r.nanosAsMicros(end)
          break
        case 2:
          r.expect(tag, VARINT)
          r.varint64(end)
          // Out of range (including negative enums) is rejected when the record is added.
          severityNumber = r.hi === 0 ? r.lo : -1
          break
        case 3:
          r.expect(tag, LEN)
          severityText = r.repeatedString(end)
          break
        case 5: {
          r.expect(tag, LEN)
          const stop = r.lenEnd(end)
          body = anyValueText(r, stop, 1)
          r.pos = stop
          break
        }
        case 6:
          r.expect(tag, LEN)
          attribute(r, r.lenEnd(end))
          attributeIndex++
          break
        case 7:
          r.expect(tag, VARINT)
          r.skip(tag, end)
          break
        case 8:
          r.expect(tag, FIXED32)
          r.skip(tag, end)
          break
        case 9:
          r.expect(tag, LEN)
          traceId = r.id(end, 16)
          break
        case 10:
          r.expect(tag, LEN)
          spanId = r.id(end, 8)
          break
        case 11:
          r.expect(tag, FIXED64)
          observedUs = r.nanosAsMicros(end)
          break
        case 12:
          r.expect(tag, LEN)
          eventName = r.repeatedString(end)
          break
        default:
          r.skip(tag, end)
      }
    }
  } catch (e) {
    const name = LOG_RECORD_FIELDS[field] ?? null
    throw sink.at(e, name === 'attributes' ? `attributes[${attributeIndex}]` : name)
  }
  sink.record(timeUs, observedUs, severityText, severityNumber, body, traceId, spanId, eventName)
}

/** One attribute KeyValue in [pos, end): flattened into the sink's open attribute map. */
function attribute(r: Reader, end: number): void {
  r.scanKeyValue(end)
  const key = r.keyStart < 0 ? '' : r.key(r.keyStart, r.keyEnd)
  flatten(r, r.valueStart, r.valueEnd, key, 1)
  r.pos = end
}

/**
 * Sets `key` from the AnyValue in [start, end) (start -1: no value). Nested kvlists become dotted
 * keys (`http.request.header.x`); everything else becomes one string.
 */
function flatten(r: Reader, start: number, end: number, key: string, depth: number): void {
  const sink = r.sink
  if (start < 0) return sink.setAttribute(key, '')
  try {
    sink.enter(depth)
    r.pos = start
    r.scanAnyValue(end)
  } catch (e) {
    throw sink.at(e, 'value')
  }
  if (r.kind !== KVLIST) {
    let text: string
    try {
      text = scalarOrJson(r, depth)
    } catch (e) {
      throw sink.at(e, 'value')
    }
    return sink.setAttribute(key, text)
  }
  const listEnd = r.end
  r.pos = r.start
  if (r.pos === listEnd) return sink.setAttribute(key, '{}')
  let index = 0
  let field = 0
  try {
    while (r.pos < listEnd) {
      field = 0
      const tag = r.tag(listEnd)
      field = tag >>> 3
      if (field === 1) {
        r.expect(tag, LEN)
        const stop = r.lenEnd(listEnd)
        r.scanKeyValue(stop)
        const child = r.keyStart < 0 ? '' : r.key(r.keyStart, r.keyEnd)
        flatten(r, r.valueStart, r.valueEnd, `${key}.${child}`, depth + 1)
        r.pos = stop
        index++
      } else {
        r.skip(tag, listEnd)
      }
    }
  } catch (e) {
    throw sink.at(sink.at(e, field === 1 ? `kvlistValue.values[${index}]` : 'kvlistValue'), 'value')
  }
}

/** The record body: the AnyValue in [pos, end) as text. */
function anyValueText(r: Reader, end: number, depth: number): string {
  r.sink.enter(depth)
  r.scanAnyValue(end)
  return scalarOrJson(r, depth)
}

/** The scanned AnyValue as text: scalars as their text, arrays and kvlists as compact JSON. */
function scalarOrJson(r: Reader, depth: number): string {
  switch (r.kind) {
    case STRING:
      return r.key(r.start, r.end, valueCache)
    case BOOL:
      return r.num === 0 ? 'false' : 'true'
    case INT:
      return int64Text(r.intLo, r.intHi)
    case DOUBLE:
      return String(r.num)
    case BYTES:
      return r.buf.toString('base64', r.start, r.end)
    case ARRAY:
    case KVLIST:
      return scannedJson(r, depth)
    default:
      return ''
  }
}

/** The AnyValue in [pos, end) as compact JSON. */
function anyValueJson(r: Reader, end: number, depth: number): string {
  r.sink.enter(depth)
  r.scanAnyValue(end)
  return scannedJson(r, depth)
}

function scannedJson(r: Reader, depth: number): string {
  switch (r.kind) {
    case STRING:
      return JSON.stringify(r.text(r.start, r.end))
    case BOOL:
      return r.num === 0 ? 'false' : 'true'
    case INT:
      return int64Text(r.intLo, r.intHi)
    case DOUBLE:
      // JSON has no NaN or infinities; OTLP/JSON writes them as strings, and so do we.
      return Number.isFinite(r.num) ? String(r.num) : `"${r.num}"`
    case BYTES:
      return `"${r.buf.toString('base64', r.start, r.end)}"`
    case ARRAY:
      return arrayJson(r, r.start, r.end, depth)
    case KVLIST:
      return kvlistJson(r, r.start, r.end, depth)
    default:
      return 'null'
  }
}

/** ArrayValue: values = 1. */
function arrayJson(r: Reader, start: number, end: number, depth: number): string {
  const sink = r.sink
  let out = '['
  let index = 0
  let field = 0
  r.pos = start
  try {
    while (r.pos < end) {
      field = 0
      const tag = r.tag(end)
      field = tag >>> 3
      if (field === 1) {
        r.expect(tag, LEN)
        const stop = r.lenEnd(end)
        out += (index === 0 ? '' : ',') + anyValueJson(r, stop, depth + 1)
        r.pos = stop
        index++
      } else {
        r.skip(tag, end)
      }
    }
  } catch (e) {
    throw sink.at(e, field === 1 ? `arrayValue.values[${index}]` : 'arrayValue')
  }
  return out + ']'
}

/** KeyValueList: values = 1. A repeated key keeps its first position and its last value, as in JSON.parse. */
function kvlistJson(r: Reader, start: number, end: number, depth: number): string {
  const sink = r.sink
  const members = new Map<string, string>()
  let index = 0
  let field = 0
  r.pos = start
  try {
    while (r.pos < end) {
      field = 0
      const tag = r.tag(end)
      field = tag >>> 3
      if (field === 1) {
        r.expect(tag, LEN)
        const stop = r.lenEnd(end)
        r.scanKeyValue(stop)
        const key = r.keyStart < 0 ? '' : r.key(r.keyStart, r.keyEnd)
        const valueStart = r.valueStart
        let value = 'null'
        if (valueStart >= 0) {
          r.pos = valueStart
          try {
            value = anyValueJson(r, r.valueEnd, depth + 1)
          } catch (e) {
            throw sink.at(e, 'value')
          }
        }
        members.set(key, value)
        r.pos = stop
        index++
      } else {
        r.skip(tag, end)
      }
    }
  } catch (e) {
    throw sink.at(e, field === 1 ? `kvlistValue.values[${index}]` : 'kvlistValue')
  }
  let out = '{'
  for (const [key, value] of members) out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + value
  return out + '}'
}

/** A two's-complement int64 (as unsigned halves) in decimal; BigInt only beyond ±2^53. */
function int64Text(lo: number, hi: number): string {
  if (hi < 0x200000) return String(hi * 0x100000000 + lo)
  if (hi >= 0xffe00000) return String(-((0xffffffff - hi) * 0x100000000 + (0x100000000 - lo)))
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString()
}

const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0))

/**
 * Eight bytes as 16 lower-case hex digits, in one String.fromCharCode call: about twice as fast
 * as Buffer's hex decoder for an id this short, as it never leaves JS.
 */
function hex8(b: Buffer, p: number): string {
  const h = HEX_DIGITS
  const b0 = b[p]!
  const b1 = b[p + 1]!
  const b2 = b[p + 2]!
  const b3 = b[p + 3]!
  const b4 = b[p + 4]!
  const b5 = b[p + 5]!
  const b6 = b[p + 6]!
  const b7 = b[p + 7]!
  return String.fromCharCode(
    h[b0 >> 4]!, h[b0 & 15]!, h[b1 >> 4]!, h[b1 & 15]!, h[b2 >> 4]!, h[b2 & 15]!, h[b3 >> 4]!, h[b3 & 15]!,
    h[b4 >> 4]!, h[b4 & 15]!, h[b5 >> 4]!, h[b5 & 15]!, h[b6 >> 4]!, h[b6 & 15]!, h[b7 >> 4]!, h[b7 & 15]!,
  )
}
