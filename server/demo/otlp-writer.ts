/**
 * A small OTLP protobuf *encoder* for ExportLogsServiceRequest, enough for the demo generator:
 * string attributes, string bodies, hex trace/span ids, microsecond timestamps. The demo data
 * reaches the server as an SDK's exporter would send it (application/x-protobuf), and the server's
 * protobuf reader (server/ingest/otlp-proto.ts) is several times cheaper than its JSON one.
 *
 * Hand-rolled rather than protobufjs: no message objects are built, every record is written
 * straight into its resource's byte buffer, and the request is assembled from those buffers at
 * the end (so records can arrive in any resource order, as they do from the generator). The
 * output is canonical protobuf: fields in number order, minimal varints. Field numbers follow
 * opentelemetry/proto/{collector/logs,logs,resource,common}/v1.
 */

const LEN = 2
const FIXED64 = 1
const VARINT = 0
const tag = (field: number, wireType: number) => (field << 3) | wireType

// ExportLogsServiceRequest.resource_logs, ResourceLogs.resource / .scope_logs, Resource.attributes,
// ScopeLogs.scope / .log_records, InstrumentationScope.name.
const REQUEST_RESOURCE_LOGS = tag(1, LEN)
const RESOURCE_LOGS_RESOURCE = tag(1, LEN)
const RESOURCE_LOGS_SCOPE_LOGS = tag(2, LEN)
const RESOURCE_ATTRIBUTES = tag(1, LEN)
const SCOPE_LOGS_SCOPE = tag(1, LEN)
const SCOPE_LOGS_LOG_RECORDS = tag(2, LEN)
const SCOPE_NAME = tag(1, LEN)
// LogRecord.
const RECORD_TIME = tag(1, FIXED64)
const RECORD_SEVERITY_NUMBER = tag(2, VARINT)
const RECORD_SEVERITY_TEXT = tag(3, LEN)
const RECORD_BODY = tag(5, LEN)
const RECORD_ATTRIBUTES = tag(6, LEN)
const RECORD_TRACE_ID = tag(9, LEN)
const RECORD_SPAN_ID = tag(10, LEN)
const RECORD_OBSERVED_TIME = tag(11, FIXED64)
// KeyValue.key / .value, AnyValue.string_value.
const KV_KEY = tag(1, LEN)
const KV_VALUE = tag(2, LEN)
const ANY_STRING = tag(1, LEN)

const varintSize = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5)

/** UTF-8 length; ASCII (all the demo's text) is counted without leaving JS. */
function utf8Length(s: string): number {
  const n = s.length
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8')
  return n
}

const HEX_VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i
}

/** KeyValue.key fields (tag, length, ASCII bytes) of the attribute keys seen so far: keys repeat. */
const keyFields = new Map<string, Uint8Array | null>()
const MAX_KEY_FIELDS = 1024

/** The encoded key field of a short ASCII key; null for others (and once the cache is full). */
function encodedKey(key: string): Uint8Array | null {
  let field = keyFields.get(key)
  if (field !== undefined) return field
  field = null
  if (key.length < 100 && utf8Length(key) === key.length) {
    field = new Uint8Array(2 + key.length)
    field[0] = KV_KEY
    field[1] = key.length
    for (let i = 0; i < key.length; i++) field[2 + i] = key.charCodeAt(i)
  }
  if (keyFields.size < MAX_KEY_FIELDS) keyFields.set(key, field)
  return field
}

/** A growable byte buffer with a write position. */
class Bytes {
  buf: Buffer
  pos = 0

  constructor(size = 4096) {
    this.buf = Buffer.allocUnsafe(size)
  }

  ensure(n: number): void {
    if (this.buf.length - this.pos >= n) return
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
    this.buf.copy(grown, 0, 0, this.pos)
    this.buf = grown
  }

  /** A varint of at most 32 bits (tags, lengths, enums); room must be ensured. */
  varint(n: number): void {
    const buf = this.buf
    let pos = this.pos
    while (n >= 0x80) {
      buf[pos++] = (n & 0x7f) | 0x80
      n >>>= 7
    }
    buf[pos++] = n
    this.pos = pos
  }

  /** Microseconds since the epoch as fixed64 nanoseconds, exact for any non-negative safe integer. */
  nanosFromMicros(us: number): void {
    const hiUs = Math.floor(us / 0x100000000)
    const loNs = (us - hiUs * 0x100000000) * 1000 // < 2^42: exact
    const carry = Math.floor(loNs / 0x100000000)
    const lo = loNs - carry * 0x100000000
    const hi = hiUs * 1000 + carry
    const buf = this.buf
    const pos = this.pos
    buf[pos] = lo & 0xff
    buf[pos + 1] = (lo >>> 8) & 0xff
    buf[pos + 2] = (lo >>> 16) & 0xff
    buf[pos + 3] = lo >>> 24
    buf[pos + 4] = hi & 0xff
    buf[pos + 5] = (hi >>> 8) & 0xff
    buf[pos + 6] = (hi >>> 16) & 0xff
    buf[pos + 7] = (hi >>> 24) & 0xff
    this.pos = pos + 8
  }

  /** A string's bytes, `bytes` long (its utf8Length); room must be ensured. */
  text(s: string, bytes: number): void {
    if (bytes !== s.length) {
      this.pos += this.buf.write(s, this.pos, 'utf8')
      return
    }
    const buf = this.buf
    let pos = this.pos
    for (let i = 0; i < bytes; i++) buf[pos++] = s.charCodeAt(i)
    this.pos = pos
  }

  /** A length-delimited string field (room ensured by the caller). */
  stringField(fieldTag: number, s: string, bytes: number): void {
    this.buf[this.pos++] = fieldTag
    this.varint(bytes)
    this.text(s, bytes)
  }

  /** A bytes field from hex digits (16 or 32 of them); nothing for an empty id. */
  idField(fieldTag: number, hex: string, size: 8 | 16): void {
    if (hex === '') return
    if (hex.length !== size * 2) throw new Error(`An id of ${size} bytes takes ${size * 2} hex digits, got "${hex}".`)
    const buf = this.buf
    let pos = this.pos
    buf[pos++] = fieldTag
    buf[pos++] = size
    for (let i = 0; i < size * 2; i += 2) {
      const h = HEX_VALUE[hex.charCodeAt(i)] ?? -1
      const l = HEX_VALUE[hex.charCodeAt(i + 1)] ?? -1
      if (h < 0 || l < 0) throw new Error(`Not a hex id: "${hex}".`)
      buf[pos++] = (h << 4) | l
    }
    this.pos = pos
  }

  /** KeyValue{key, value: AnyValue{string_value}} as field `fieldTag`. */
  stringAttribute(fieldTag: number, key: string, value: string): void {
    const keyField = encodedKey(key)
    const n = value.length
    if (keyField !== null && keyField.length + n < 124) {
      // The usual case, in one pass: every length fits one byte, as long as the value is ASCII.
      this.ensure(6 + keyField.length + n)
      const buf = this.buf
      const start = this.pos
      let pos = start + 2
      for (let i = 0; i < keyField.length; i++) buf[pos++] = keyField[i]!
      buf[pos++] = KV_VALUE
      buf[pos++] = n + 2
      buf[pos++] = ANY_STRING
      buf[pos++] = n
      let i = 0
      for (; i < n; i++) {
        const c = value.charCodeAt(i)
        if (c >= 0x80) break
        buf[pos++] = c
      }
      if (i === n) {
        buf[start] = fieldTag
        buf[start + 1] = pos - start - 2
        this.pos = pos
        return
      }
    }
    const k = utf8Length(key)
    const v = utf8Length(value)
    const any = 1 + varintSize(v) + v
    const kv = 1 + varintSize(k) + k + 1 + varintSize(any) + any
    this.ensure(1 + varintSize(kv) + kv)
    this.buf[this.pos++] = fieldTag
    this.varint(kv)
    this.stringField(KV_KEY, key, k)
    this.buf[this.pos++] = KV_VALUE
    this.varint(any)
    this.stringField(ANY_STRING, value, v)
  }

  /**
   * Starts a length-delimited field whose length is not known yet: writes the tag and leaves two
   * bytes for the length (enough up to 16 KiB). Returns where the content starts, for `close`.
   */
  open(fieldTag: number): number {
    this.ensure(3)
    this.buf[this.pos++] = fieldTag
    this.pos += 2
    return this.pos
  }

  /** Writes the length of the field opened at `start`, moving the content if it needs another size. */
  close(start: number): void {
    const length = this.pos - start
    const size = varintSize(length)
    if (size !== 2) {
      this.ensure(size - 2)
      this.buf.copy(this.buf, start - 2 + size, start, this.pos)
      this.pos += size - 2
    }
    const end = this.pos
    this.pos = start - 2
    this.varint(length)
    this.pos = end
  }
}

/** One resource of the request being written: its encoded resource, scope and log records. */
export interface ResourceHandle {
  /** Resource{attributes} content. */
  readonly resource: Bytes
  /** InstrumentationScope{name} content. */
  readonly scope: Bytes
  /** The log_records fields of its one ScopeLogs, tags included. */
  readonly records: Bytes
}

/**
 * Collects the log records of one ExportLogsServiceRequest, resource by resource, then `finish`es
 * it into bytes. Reusable: `finish` starts the next request (buffers are kept, so a long run of
 * requests allocates little).
 */
export class OtlpLogsWriter {
  private used: ResourceHandle[] = []
  private spare: ResourceHandle[] = []

  /** A new resource (string attributes as key, value, key, value…) with one instrumentation scope. */
  resource(attributes: readonly string[], scopeName: string): ResourceHandle {
    const handle = this.spare.pop() ?? { resource: new Bytes(256), scope: new Bytes(64), records: new Bytes(16384) }
    handle.resource.pos = handle.scope.pos = handle.records.pos = 0
    for (let i = 0; i < attributes.length; i += 2) handle.resource.stringAttribute(RESOURCE_ATTRIBUTES, attributes[i]!, attributes[i + 1]!)
    if (scopeName !== '') {
      const n = utf8Length(scopeName)
      handle.scope.ensure(1 + varintSize(n) + n)
      handle.scope.stringField(SCOPE_NAME, scopeName, n)
    }
    this.used.push(handle)
    return handle
  }

  /**
   * Adds a log record to `into`. Times are microseconds since the epoch (the observed time is the
   * event time); ids are lower- or upper-case hex, empty for none; attributes as in `resource`.
   */
  log(into: ResourceHandle, timeUs: number, severityNumber: number, severityText: string, body: string, attributes: readonly string[], traceId: string, spanId: string): void {
    const out = into.records
    const start = out.open(SCOPE_LOGS_LOG_RECORDS)
    const textBytes = utf8Length(severityText)
    const bodyBytes = utf8Length(body)
    const bodyAny = 1 + varintSize(bodyBytes) + bodyBytes
    // Time, severity number and text, body, ids, observed time (attributes ensure their own room).
    out.ensure(9 + 1 + 5 + 1 + 5 + textBytes + 1 + 5 + bodyAny + 18 + 10 + 9)
    if (timeUs > 0) {
      out.buf[out.pos++] = RECORD_TIME
      out.nanosFromMicros(timeUs)
    }
    if (severityNumber !== 0) {
      out.buf[out.pos++] = RECORD_SEVERITY_NUMBER
      out.varint(severityNumber)
    }
    if (textBytes > 0) out.stringField(RECORD_SEVERITY_TEXT, severityText, textBytes)
    out.buf[out.pos++] = RECORD_BODY
    out.varint(bodyAny)
    out.stringField(ANY_STRING, body, bodyBytes)
    for (let i = 0; i < attributes.length; i += 2) out.stringAttribute(RECORD_ATTRIBUTES, attributes[i]!, attributes[i + 1]!)
    out.ensure(18 + 10 + 9)
    out.idField(RECORD_TRACE_ID, traceId, 16)
    out.idField(RECORD_SPAN_ID, spanId, 8)
    if (timeUs > 0) {
      out.buf[out.pos++] = RECORD_OBSERVED_TIME
      out.nanosFromMicros(timeUs)
    }
    out.close(start)
  }

  /**
   * The request so far as one Buffer with an ArrayBuffer of its own (so it can be transferred to
   * another thread), resources in the order they were added; then starts over.
   */
  finish(): Buffer {
    let total = 0
    const sizes: number[] = []
    for (const h of this.used) {
      const scope = 1 + varintSize(h.scope.pos) + h.scope.pos
      const scopeLogs = scope + h.records.pos
      const resourceLogs = 1 + varintSize(h.resource.pos) + h.resource.pos + 1 + varintSize(scopeLogs) + scopeLogs
      sizes.push(scopeLogs, resourceLogs)
      total += 1 + varintSize(resourceLogs) + resourceLogs
    }
    const out = new Bytes(0)
    out.buf = Buffer.from(new ArrayBuffer(total))
    this.used.forEach((h, i) => {
      const b = out.buf
      b[out.pos++] = REQUEST_RESOURCE_LOGS
      out.varint(sizes[2 * i + 1]!)
      b[out.pos++] = RESOURCE_LOGS_RESOURCE
      out.varint(h.resource.pos)
      out.pos += h.resource.buf.copy(b, out.pos, 0, h.resource.pos)
      b[out.pos++] = RESOURCE_LOGS_SCOPE_LOGS
      out.varint(sizes[2 * i]!)
      b[out.pos++] = SCOPE_LOGS_SCOPE
      out.varint(h.scope.pos)
      out.pos += h.scope.buf.copy(b, out.pos, 0, h.scope.pos)
      out.pos += h.records.buf.copy(b, out.pos, 0, h.records.pos)
    })
    if (out.pos !== total) throw new Error(`OTLP writer: wrote ${out.pos} bytes of ${total}.`)
    this.spare.push(...this.used)
    this.used = []
    return out.buf
  }
}
