/**
 * OTLP/JSON (ExportLogsServiceRequest) → RecordSink.
 *
 * Follows the OTLP/JSON encoding: lowerCamelCase keys (the proto's snake_case names are accepted
 * too, as protobuf's JSON mapping allows), 64-bit integers as strings or numbers, trace and span
 * ids as hex, bytes as base64, enums as integers (or their names). Unknown keys are ignored, as the
 * spec requires of receivers; a known key with the wrong type is an error naming its path.
 */
import type { RecordSink } from './otlp'

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A UTF-16 surrogate escape (`\ud83d`): JSON may spell a lone one, which UTF-8 cannot hold. */
const SURROGATE_ESCAPE = /\\u[dD][89abcdefABCDEF]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/** Lone surrogates become U+FFFD, as invalid UTF-8 does in the protobuf reader, so every string is storable text. */
const wellFormed = (_key: string, v: unknown) => (typeof v === 'string' ? v.replace(LONE_SURROGATE, '\ufffd') : v)

export function decodeJsonLogs(buf: Buffer, sink: RecordSink): void {
  let doc: unknown
  try {
    const text = buf.toString('utf8')
    // Only a payload that escapes a surrogate can hold a lone one; the rest parse without a reviver.
    doc = SURROGATE_ESCAPE.test(text) ? JSON.parse(text, wellFormed) : JSON.parse(text)
  } catch (e) {
    throw sink.fail(`not valid JSON (${(e as Error).message})`)
  }
  if (!isObject(doc)) throw sink.fail('expected an object with resourceLogs')
  const list = array(doc.resourceLogs ?? doc.resource_logs, 'resourceLogs', sink)
  for (let i = 0; i < list.length; i++) {
    try {
      resourceLogs(list[i], sink)
    } catch (e) {
      throw sink.at(e, `resourceLogs[${i}]`)
    }
  }
}

function resourceLogs(v: unknown, sink: RecordSink): void {
  if (!isObject(v)) throw sink.fail('expected an object')
  optionalString(v.schemaUrl ?? v.schema_url, 'schemaUrl', sink)
  sink.openAttributes()
  const res = v.resource
  if (res != null) {
    if (!isObject(res)) throw sink.fail('expected an object', 'resource')
    try {
      attributes(res.attributes, sink)
      uint32(res.droppedAttributesCount ?? res.dropped_attributes_count, 'droppedAttributesCount', sink)
    } catch (e) {
      throw sink.at(e, 'resource')
    }
  }
  sink.closeResource()
  const scopes = array(v.scopeLogs ?? v.scope_logs, 'scopeLogs', sink)
  for (let i = 0; i < scopes.length; i++) {
    try {
      scopeLogs(scopes[i], sink)
    } catch (e) {
      throw sink.at(e, `scopeLogs[${i}]`)
    }
  }
}

function scopeLogs(v: unknown, sink: RecordSink): void {
  if (!isObject(v)) throw sink.fail('expected an object')
  // The scope is not mapped onto records, but a wrong type is still a malformed payload.
  const scope = v.scope
  if (scope != null) {
    if (!isObject(scope)) throw sink.fail('expected an object', 'scope')
    try {
      optionalString(scope.name, 'name', sink)
      optionalString(scope.version, 'version', sink)
    } catch (e) {
      throw sink.at(e, 'scope')
    }
  }
  optionalString(v.schemaUrl ?? v.schema_url, 'schemaUrl', sink)
  const records = array(v.logRecords ?? v.log_records, 'logRecords', sink)
  for (let i = 0; i < records.length; i++) {
    try {
      logRecord(records[i], sink)
    } catch (e) {
      throw sink.at(e, `logRecords[${i}]`)
    }
  }
}

function logRecord(v: unknown, sink: RecordSink): void {
  if (!isObject(v)) throw sink.fail('expected an object')
  const timeUs = nanosAsMicros(v.timeUnixNano ?? v.time_unix_nano, 'timeUnixNano', sink)
  const observedUs = nanosAsMicros(v.observedTimeUnixNano ?? v.observed_time_unix_nano, 'observedTimeUnixNano', sink)
  const severityNumber = severity(v.severityNumber ?? v.severity_number, sink)
  const severityText = optionalString(v.severityText ?? v.severity_text, 'severityText', sink)
  const eventName = optionalString(v.eventName ?? v.event_name, 'eventName', sink)
  const traceId = hexId(v.traceId ?? v.trace_id, 32, 'traceId', sink)
  const spanId = hexId(v.spanId ?? v.span_id, 16, 'spanId', sink)
  uint32(v.droppedAttributesCount ?? v.dropped_attributes_count, 'droppedAttributesCount', sink)
  uint32(v.flags, 'flags', sink)
  let body = ''
  if (v.body != null) {
    try {
      body = anyValueText(v.body, 1, sink)
    } catch (e) {
      throw sink.at(e, 'body')
    }
  }
  sink.openAttributes()
  attributes(v.attributes, sink)
  sink.record(timeUs, observedUs, severityText, severityNumber, body, traceId, spanId, eventName)
}

/** A repeated KeyValue field, flattened into the sink's open attribute map. */
function attributes(v: unknown, sink: RecordSink): void {
  const list = array(v, 'attributes', sink)
  for (let i = 0; i < list.length; i++) {
    const kv = list[i]
    try {
      if (!isObject(kv)) throw sink.fail('expected an object')
      flatten(kv.value, optionalString(kv.key, 'key', sink), 1, sink)
    } catch (e) {
      throw sink.at(e, `attributes[${i}]`)
    }
  }
}

/** AnyValue members. */
const STRING = 1
const BOOL = 2
const INT = 3
const DOUBLE = 4
const ARRAY = 5
const KVLIST = 6
const BYTES = 7
/** Member keys of AnyValue, in both spellings, to their member. */
const MEMBERS: ReadonlyMap<string, number> = new Map([
  ['stringValue', STRING],
  ['string_value', STRING],
  ['boolValue', BOOL],
  ['bool_value', BOOL],
  ['intValue', INT],
  ['int_value', INT],
  ['doubleValue', DOUBLE],
  ['double_value', DOUBLE],
  ['arrayValue', ARRAY],
  ['array_value', ARRAY],
  ['kvlistValue', KVLIST],
  ['kvlist_value', KVLIST],
  ['bytesValue', BYTES],
  ['bytes_value', BYTES],
])

/**
 * The one member key set on an AnyValue object ('' when it is empty); `value` is the AnyValue
 * itself, already checked to be an object. Two members at once is a malformed oneof.
 */
function memberOf(value: Json, sink: RecordSink): string {
  let found = ''
  for (const key in value) {
    if (value[key] == null || !MEMBERS.has(key)) continue
    if (found !== '') throw sink.fail(`more than one value set (${found}, ${key})`)
    found = key
  }
  return found
}

function anyValue(v: unknown, depth: number, sink: RecordSink): Json {
  sink.enter(depth)
  if (!isObject(v)) throw sink.fail('expected an AnyValue object')
  return v
}

/** An AnyValue as the record body: scalars as their text, arrays and kvlists as compact JSON. */
function anyValueText(v: unknown, depth: number, sink: RecordSink): string {
  const value = anyValue(v, depth, sink)
  return memberText(value, memberOf(value, sink), depth, sink)
}

/** The text of an AnyValue whose member key memberOf found. */
function memberText(value: Json, key: string, depth: number, sink: RecordSink): string {
  if (key === '') return ''
  const kind = MEMBERS.get(key)!
  const member = value[key]
  if (kind === ARRAY || kind === KVLIST) return memberJson(kind, member, depth, sink)
  return scalarText(kind, key, member, sink)
}

/** Sets `key` from an AnyValue; nested kvlists become dotted keys (`http.request.header.x`). */
function flatten(v: unknown, key: string, depth: number, sink: RecordSink): void {
  if (v == null) return sink.setAttribute(key, '')
  let value: Json
  let member: string
  try {
    value = anyValue(v, depth, sink)
    member = memberOf(value, sink)
  } catch (e) {
    throw sink.at(e, 'value')
  }
  if (MEMBERS.get(member) !== KVLIST) {
    let text: string
    try {
      text = memberText(value, member, depth, sink)
    } catch (e) {
      throw sink.at(e, 'value')
    }
    return sink.setAttribute(key, text)
  }
  let entries: unknown[]
  try {
    entries = listValues(value[member], sink)
  } catch (e) {
    throw sink.at(sink.at(e, 'kvlistValue'), 'value')
  }
  if (entries.length === 0) return sink.setAttribute(key, '{}')
  for (let i = 0; i < entries.length; i++) {
    const kv = entries[i]
    try {
      if (!isObject(kv)) throw sink.fail('expected an object')
      flatten(kv.value, `${key}.${optionalString(kv.key, 'key', sink)}`, depth + 1, sink)
    } catch (e) {
      throw sink.at(sink.at(e, `kvlistValue.values[${i}]`), 'value')
    }
  }
}

/** The `values` of an ArrayValue or KeyValueList object (absent: none). */
function listValues(list: unknown, sink: RecordSink): unknown[] {
  if (!isObject(list)) throw sink.fail('expected an object with values')
  return array(list.values, 'values', sink)
}

/** An AnyValue as compact JSON. */
function anyValueJson(v: unknown, depth: number, sink: RecordSink): string {
  if (v == null) return 'null'
  const value = anyValue(v, depth, sink)
  const key = memberOf(value, sink)
  if (key === '') return 'null'
  const kind = MEMBERS.get(key)!
  const member = value[key]
  switch (kind) {
    case STRING:
      return JSON.stringify(scalarText(kind, key, member, sink))
    case BYTES:
      return `"${scalarText(kind, key, member, sink)}"`
    case DOUBLE: {
      // JSON has no NaN or infinities; OTLP/JSON writes them as strings, and so do we.
      const d = double(member, key, sink)
      return Number.isFinite(d) ? String(d) : `"${d}"`
    }
    case BOOL:
    case INT:
      return scalarText(kind, key, member, sink)
    default:
      return memberJson(kind, member, depth, sink)
  }
}

function memberJson(kind: number, member: unknown, depth: number, sink: RecordSink): string {
  const segment = kind === ARRAY ? 'arrayValue' : 'kvlistValue'
  let values: unknown[]
  try {
    values = listValues(member, sink)
  } catch (e) {
    throw sink.at(e, segment)
  }
  if (kind === ARRAY) {
    let out = '['
    for (let i = 0; i < values.length; i++) {
      try {
        out += (i === 0 ? '' : ',') + anyValueJson(values[i], depth + 1, sink)
      } catch (e) {
        throw sink.at(e, `${segment}.values[${i}]`)
      }
    }
    return out + ']'
  }
  // A repeated key keeps its first position and its last value, as in JSON.parse.
  const members = new Map<string, string>()
  for (let i = 0; i < values.length; i++) {
    const kv = values[i]
    try {
      if (!isObject(kv)) throw sink.fail('expected an object')
      const name = optionalString(kv.key, 'key', sink)
      let json: string
      try {
        json = anyValueJson(kv.value, depth + 1, sink)
      } catch (e) {
        throw sink.at(e, 'value')
      }
      members.set(name, json)
    } catch (e) {
      throw sink.at(e, `${segment}.values[${i}]`)
    }
  }
  let out = '{'
  for (const [name, json] of members) out += (out.length === 1 ? '' : ',') + JSON.stringify(name) + ':' + json
  return out + '}'
}

/** A scalar AnyValue member (`key` names it, for errors) as text. */
function scalarText(kind: number, key: string, v: unknown, sink: RecordSink): string {
  switch (kind) {
    case STRING:
      if (typeof v !== 'string') throw sink.fail('expected a string', key)
      return v
    case BOOL:
      if (typeof v !== 'boolean') throw sink.fail('expected true or false', key)
      return v ? 'true' : 'false'
    case INT:
      return int64Text(v, key, sink)
    case DOUBLE:
      return String(double(v, key, sink))
    default:
      return base64(v, key, sink)
  }
}

const INT_STRING = /^-?[0-9]{1,19}$/
const MIN_INT64 = -(2n ** 63n)
const MAX_INT64 = 2n ** 63n - 1n

/** An int64 (string or number) in canonical decimal. */
function int64Text(v: unknown, key: string, sink: RecordSink): string {
  if (typeof v === 'number') {
    // A JSON number past 2^53 has already been rounded by JSON.parse; the nearest double is the best left.
    if (Number.isInteger(v) && Math.abs(v) <= 2 ** 63) return String(v)
  } else if (typeof v === 'string' && INT_STRING.test(v)) {
    // Up to 15 digits a double is exact.
    if (v.length <= 15) return String(Number(v))
    const n = BigInt(v)
    if (n >= MIN_INT64 && n <= MAX_INT64) return n.toString()
  }
  throw sink.fail('expected a 64-bit integer', key)
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/

function double(v: unknown, key: string, sink: RecordSink): number {
  if (typeof v === 'number') return v
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN
    if (v === 'Infinity') return Infinity
    if (v === '-Infinity') return -Infinity
    if (JSON_NUMBER.test(v)) return Number(v)
  }
  throw sink.fail('expected a number', key)
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/

/** Base64 (standard or URL-safe, padded or not, as protobuf's JSON mapping accepts) in standard form. */
function base64(v: unknown, key: string, sink: RecordSink): string {
  if (typeof v !== 'string' || !BASE64.test(v) || v.replace(/=+$/, '').length % 4 === 1) {
    throw sink.fail('expected base64', key)
  }
  return Buffer.from(v, 'base64').toString('base64')
}

const UINT64_MAX = '18446744073709551615'

/** Nanoseconds since the epoch (uint64, string or number) as microseconds; -1 for 0 or absent. */
function nanosAsMicros(v: unknown, key: string, sink: RecordSink): number {
  if (v == null) return -1
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v <= 2 ** 64) return v === 0 ? -1 : Math.floor(v / 1000)
  } else if (typeof v === 'string' && isDigits(v) && (v.length < 20 || (v.length === 20 && v <= UINT64_MAX))) {
    // Dropping the last three digits divides exactly, whatever the length.
    const us = v.length > 3 ? Number(v.slice(0, -3)) : 0
    return us === 0 && Number(v) === 0 ? -1 : us
  }
  throw sink.fail('expected nanoseconds as an unsigned 64-bit integer', key)
}

function isDigits(v: string): boolean {
  if (v.length === 0) return false
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  return true
}

const SEVERITY_NAMES: ReadonlyMap<string, number> = new Map(
  [
    'UNSPECIFIED',
    ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((s) => [s, `${s}2`, `${s}3`, `${s}4`]),
  ].map((name, n) => [`SEVERITY_NUMBER_${name}`, n]),
)

/** severityNumber: an integer (range-checked by the sink) or, per protobuf's JSON mapping, the enum name. */
function severity(v: unknown, sink: RecordSink): number {
  if (v == null) return 0
  if (typeof v === 'number') return v
  const n = typeof v === 'string' ? SEVERITY_NAMES.get(v) : undefined
  if (n === undefined) throw sink.fail('expected a severity number', 'severityNumber')
  return n
}

/** A trace or span id: hex of exactly `digits` digits, or empty; all-zero means none. */
function hexId(v: unknown, digits: number, key: string, sink: RecordSink): string {
  if (v == null || v === '') return ''
  if (typeof v !== 'string' || v.length !== digits) throw sink.fail(`expected ${digits} hex digits`, key)
  // One pass checks the digits, and notes whether any is non-zero or upper-case (ids arrive by the million).
  let zero = true
  let lower = true
  for (let i = 0; i < digits; i++) {
    const c = v.charCodeAt(i)
    if (c === 0x30) continue
    zero = false
    if ((c >= 0x31 && c <= 0x39) || (c >= 0x61 && c <= 0x66)) continue
    if (c >= 0x41 && c <= 0x46) lower = false
    else throw sink.fail(`expected ${digits} hex digits`, key)
  }
  return zero ? '' : lower ? v : v.toLowerCase()
}

function optionalString(v: unknown, key: string, sink: RecordSink): string {
  if (v == null) return ''
  if (typeof v !== 'string') throw sink.fail('expected a string', key)
  return v
}

/** A uint32 the records do not carry (flags, dropped counts): only checked. */
function uint32(v: unknown, key: string, sink: RecordSink): void {
  if (v == null) return
  const n = typeof v === 'number' ? v : typeof v === 'string' && isDigits(v) ? Number(v) : NaN
  if (!(Number.isInteger(n) && n >= 0 && n <= 0xffffffff)) throw sink.fail('expected an unsigned 32-bit integer', key)
}

/** A repeated field: an array, or absent (none). */
function array(v: unknown, key: string, sink: RecordSink): unknown[] {
  if (v == null) return []
  if (!Array.isArray(v)) throw sink.fail('expected an array', key)
  return v
}
