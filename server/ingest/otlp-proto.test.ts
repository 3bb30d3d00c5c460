/**
 * Hand-built protobuf payloads for what an SDK never sends: every AnyValue shape (checked against
 * the same value in OTLP/JSON), unknown fields, odd field order, wrong wire types, limits.
 */
import { describe, expect, it } from 'vitest'
import type { LogRecord } from '../logs/record'
import { decodeOtlpLogs, MAX_ATTRIBUTES, MAX_BODY_BYTES, MAX_DEPTH, MAX_EXPANSION, OtlpDecodeError } from './otlp'

// ---- a minimal protobuf writer -------------------------------------------------------------

/** Parts may be plain arrays (handy to spread); builders return Buffers (fast on megabyte bodies). */
type Bytes = ArrayLike<number>

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value))
  const out: number[] = []
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return out
}
const cat = (parts: Bytes[]): Buffer => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p as number[]))))
const tag = (field: number, wireType: number) => varint(field * 8 + wireType)
const len = (field: number, ...parts: Bytes[]): Buffer => {
  const body = cat(parts)
  return cat([tag(field, 2), varint(body.length), body])
}
const str = (field: number, s: string) => len(field, Buffer.from(s))
const raw = (field: number, b: Uint8Array | number[]) => len(field, b)
const int = (field: number, v: number | bigint) => [...tag(field, 0), ...varint(v)]
const fixed64 = (field: number, v: bigint) => {
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(BigInt.asUintN(64, v))
  return [...tag(field, 1), ...b]
}
const fixed32 = (field: number, v: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(v)
  return [...tag(field, 5), ...b]
}
const double = (field: number, d: number) => {
  const b = Buffer.alloc(8)
  b.writeDoubleLE(d)
  return [...tag(field, 1), ...b]
}

/** AnyValue members. */
const anyValue = {
  string: (s: string) => str(1, s),
  bool: (b: boolean) => int(2, b ? 1 : 0),
  int: (v: number | bigint) => int(3, v),
  double: (d: number) => double(4, d),
  array: (...values: Bytes[]) => len(5, ...values.map((v) => len(1, v))),
  kvlist: (...kvs: Bytes[]) => len(6, ...kvs.map((kv) => len(1, kv))),
  bytes: (b: number[]) => raw(7, b),
}
const kv = (key: string, value?: Bytes) => [...str(1, key), ...(value ? len(2, value) : [])]

const request = (...resourceLogs: Bytes[]) => cat(resourceLogs.map((r) => len(1, r)))
const resourceLogs = (resource: Bytes | null, ...scopeLogs: Bytes[]) =>
  cat([resource ? len(1, resource) : [], ...scopeLogs.map((s) => len(2, s))])
const resource = (...attributes: Bytes[]) => cat(attributes.map((a) => len(1, a)))
const scopeLogs = (...records: Bytes[]) => cat([len(1, str(1, 'scope')), ...records.map((r) => len(2, r))])
/** A log record's fields: pass any of these parts, in any order. */
const field = {
  time: (ns: bigint) => fixed64(1, ns),
  severityNumber: (n: number) => int(2, n),
  severityText: (s: string) => str(3, s),
  body: (value: Bytes) => len(5, value),
  attribute: (key: string, value?: Bytes) => len(6, kv(key, value)),
  dropped: (n: number) => int(7, n),
  flags: (n: number) => fixed32(8, n),
  traceId: (b: number[]) => raw(9, b),
  spanId: (b: number[]) => raw(10, b),
  observed: (ns: bigint) => fixed64(11, ns),
  eventName: (s: string) => str(12, s),
}

// ---- helpers -----------------------------------------------------------------------------

const NOW_US = 1_800_000_000_000_000
const options = () => ({ nowUs: NOW_US, newUuid: () => 'u' })

const decodeProto = (bytes: Bytes) => decodeOtlpLogs(Buffer.from(bytes), 'protobuf', options())
const decodeJson = (doc: unknown) => decodeOtlpLogs(Buffer.from(JSON.stringify(doc)), 'json', options())

/** One record with these fields, under a resource with these attributes. */
const oneRecord = (fields: Bytes[], resourceAttributes: Bytes[] = []) =>
  request(resourceLogs(resource(...resourceAttributes), scopeLogs(cat(fields))))

function only(records: LogRecord[]): LogRecord {
  expect(records).toHaveLength(1)
  return records[0]!
}

const jsonRecord = (record: object) => ({ resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }] })

function rejection(run: () => unknown): OtlpDecodeError {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(OtlpDecodeError)
    return e as OtlpDecodeError
  }
  throw new Error('expected an OtlpDecodeError')
}

const RECORD = 'resourceLogs[0].scopeLogs[0].logRecords[0]'

// ---- AnyValue conversion, the same in both encodings --------------------------------------------

interface ValueCase {
  name: string
  proto: Bytes
  json: object
  /** As the record body. */
  body: string
  /** As attribute `a` (flattened). */
  attributes: Record<string, string>
}

const INT64_MAX = 9223372036854775807n
const INT64_MIN = -9223372036854775808n

const VALUE_CASES: ValueCase[] = [
  { name: 'string', proto: anyValue.string('héllo "x"'), json: { stringValue: 'héllo "x"' }, body: 'héllo "x"', attributes: { a: 'héllo "x"' } },
  { name: 'empty string', proto: anyValue.string(''), json: { stringValue: '' }, body: '', attributes: { a: '' } },
  { name: 'bool', proto: anyValue.bool(true), json: { boolValue: true }, body: 'true', attributes: { a: 'true' } },
  { name: 'false', proto: anyValue.bool(false), json: { boolValue: false }, body: 'false', attributes: { a: 'false' } },
  { name: 'int', proto: anyValue.int(42), json: { intValue: '42' }, body: '42', attributes: { a: '42' } },
  { name: 'negative int', proto: anyValue.int(-5), json: { intValue: -5 }, body: '-5', attributes: { a: '-5' } },
  { name: 'int64 max', proto: anyValue.int(INT64_MAX), json: { intValue: String(INT64_MAX) }, body: String(INT64_MAX), attributes: { a: String(INT64_MAX) } },
  { name: 'int64 min', proto: anyValue.int(INT64_MIN), json: { intValue: String(INT64_MIN) }, body: String(INT64_MIN), attributes: { a: String(INT64_MIN) } },
  { name: '2^53 + 1', proto: anyValue.int(2n ** 53n + 1n), json: { intValue: '9007199254740993' }, body: '9007199254740993', attributes: { a: '9007199254740993' } },
  { name: '-2^53', proto: anyValue.int(-(2n ** 53n)), json: { intValue: '-9007199254740992' }, body: '-9007199254740992', attributes: { a: '-9007199254740992' } },
  { name: '-2^32', proto: anyValue.int(-(2n ** 32n)), json: { intValue: '-4294967296' }, body: '-4294967296', attributes: { a: '-4294967296' } },
  { name: 'double', proto: anyValue.double(1.25), json: { doubleValue: 1.25 }, body: '1.25', attributes: { a: '1.25' } },
  { name: 'NaN', proto: anyValue.double(NaN), json: { doubleValue: 'NaN' }, body: 'NaN', attributes: { a: 'NaN' } },
  { name: '-Infinity', proto: anyValue.double(-Infinity), json: { doubleValue: '-Infinity' }, body: '-Infinity', attributes: { a: '-Infinity' } },
  { name: 'bytes', proto: anyValue.bytes([0xfb, 0xff, 0x00]), json: { bytesValue: '+/8A' }, body: '+/8A', attributes: { a: '+/8A' } },
  { name: 'empty AnyValue', proto: [], json: {}, body: '', attributes: { a: '' } },
  {
    name: 'array of every kind',
    proto: anyValue.array(
      anyValue.string('s'),
      anyValue.int(INT64_MAX),
      anyValue.double(NaN),
      anyValue.bool(false),
      anyValue.bytes([1]),
      [],
      anyValue.array(),
      anyValue.kvlist(kv('k', anyValue.double(0.5))),
    ),
    json: {
      arrayValue: {
        values: [
          { stringValue: 's' },
          { intValue: String(INT64_MAX) },
          { doubleValue: 'NaN' },
          { boolValue: false },
          { bytesValue: 'AQ==' },
          {},
          { arrayValue: {} },
          { kvlistValue: { values: [{ key: 'k', value: { doubleValue: 0.5 } }] } },
        ],
      },
    },
    body: `["s",${INT64_MAX},"NaN",false,"AQ==",null,[],{"k":0.5}]`,
    attributes: { a: `["s",${INT64_MAX},"NaN",false,"AQ==",null,[],{"k":0.5}]` },
  },
  {
    name: 'nested kvlist',
    proto: anyValue.kvlist(
      kv('request', anyValue.kvlist(kv('header', anyValue.kvlist(kv('x-id', anyValue.string('abc')), kv('x-n', anyValue.int(7)))))),
      kv('method', anyValue.string('GET')),
      kv('tags', anyValue.array(anyValue.string('a'))),
      kv('none'),
      kv('empty', anyValue.kvlist()),
    ),
    json: {
      kvlistValue: {
        values: [
          {
            key: 'request',
            value: {
              kvlistValue: {
                values: [
                  {
                    key: 'header',
                    value: {
                      kvlistValue: {
                        values: [
                          { key: 'x-id', value: { stringValue: 'abc' } },
                          { key: 'x-n', value: { intValue: '7' } },
                        ],
                      },
                    },
                  },
                ],
              },
            },
          },
          { key: 'method', value: { stringValue: 'GET' } },
          { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }] } } },
          { key: 'none' },
          { key: 'empty', value: { kvlistValue: {} } },
        ],
      },
    },
    body: '{"request":{"header":{"x-id":"abc","x-n":7}},"method":"GET","tags":["a"],"none":null,"empty":{}}',
    attributes: {
      'a.request.header.x-id': 'abc',
      'a.request.header.x-n': '7',
      'a.method': 'GET',
      'a.tags': '["a"]',
      'a.none': '',
      'a.empty': '{}',
    },
  },
  {
    name: 'kvlist with a repeated key',
    proto: anyValue.kvlist(kv('k', anyValue.int(1)), kv('j', anyValue.int(2)), kv('k', anyValue.int(3))),
    json: {
      kvlistValue: {
        values: [
          { key: 'k', value: { intValue: 1 } },
          { key: 'j', value: { intValue: 2 } },
          { key: 'k', value: { intValue: 3 } },
        ],
      },
    },
    body: '{"k":3,"j":2}',
    attributes: { 'a.k': '3', 'a.j': '2' },
  },
]

describe('AnyValue conversion (protobuf and JSON alike)', () => {
  for (const c of VALUE_CASES) {
    it(c.name, () => {
      const proto = only(decodeProto(oneRecord([field.body(c.proto), field.attribute('a', c.proto)])))
      const json = only(decodeJson(jsonRecord({ body: c.json, attributes: [{ key: 'a', value: c.json }] })))
      for (const record of [proto, json]) {
        expect(record.body).toBe(c.body)
        expect(record.attributes).toEqual(c.attributes)
      }
    })
  }

  it('a missing body is empty, a missing attribute value is an empty string', () => {
    const record = only(decodeProto(oneRecord([field.attribute('k')])))
    expect(record.body).toBe('')
    expect(record.attributes).toEqual({ k: '' })
    expect(only(decodeJson(jsonRecord({ attributes: [{ key: 'k' }] }))).attributes).toEqual({ k: '' })
  })

  it('keeps a sender key __proto__ as data', () => {
    for (const record of [
      only(decodeProto(oneRecord([field.attribute('__proto__', anyValue.string('x'))]))),
      only(decodeJson(jsonRecord({ attributes: [{ key: '__proto__', value: { stringValue: 'x' } }] }))),
    ]) {
      expect(Object.getPrototypeOf(record.attributes)).toBe(Object.prototype)
      expect(Object.keys(record.attributes)).toEqual(['__proto__'])
      expect(record.attributes['__proto__']).toBe('x')
    }
  })

  it('does not add scope fields to attributes', () => {
    expect(only(decodeProto(oneRecord([field.attribute('k', anyValue.int(1))]))).attributes).toEqual({ k: '1' })
  })
})

// ---- the protobuf wire ------------------------------------------------------------------------

describe('protobuf fields', () => {
  it('maps the scalar fields', () => {
    const record = only(
      decodeProto(
        oneRecord(
          [
            field.time(1_760_000_000_123_456_789n),
            field.observed(1_760_000_000_999_999_999n),
            field.severityNumber(17),
            field.severityText('Warning'),
            field.traceId([...Buffer.from('0AF7651916CD43DD8448EB211C80319C', 'hex')]),
            field.spanId([...Buffer.from('B7AD6B7169203331', 'hex')]),
            field.eventName('payment.failed'),
            field.flags(1),
            field.dropped(3),
            field.body(anyValue.string('b')),
          ],
          [kv('service.name', anyValue.string('api')), kv('k8s.pod', anyValue.kvlist(kv('name', anyValue.string('p-1'))))],
        ),
      ),
    )
    expect(record).toEqual({
      uuid: 'u',
      timestampUs: 1_760_000_000_123_456,
      observedUs: 1_760_000_000_999_999,
      severityText: 'Warning',
      severityNumber: 17,
      level: 'warn',
      serviceName: 'api',
      body: 'b',
      attributes: {},
      resourceAttributes: { 'service.name': 'api', 'k8s.pod.name': 'p-1' },
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      eventName: 'payment.failed',
      bytes: 1 + 'service.name'.length + 3 + 'k8s.pod.name'.length + 3,
    })
  })

  it('falls back from time to observed time to now when they are 0 or absent', () => {
    const t = 1_700_000_000_000_000_000n
    const cases: [Bytes[], number, number][] = [
      [[field.time(0n), field.observed(t)], 1_700_000_000_000_000, 1_700_000_000_000_000],
      [[field.observed(t)], 1_700_000_000_000_000, 1_700_000_000_000_000],
      [[field.time(t), field.observed(0n)], 1_700_000_000_000_000, NOW_US],
      [[field.time(0n), field.observed(0n)], NOW_US, NOW_US],
      [[], NOW_US, NOW_US],
    ]
    for (const [fields, timestampUs, observedUs] of cases) {
      expect(only(decodeProto(oneRecord(fields)))).toMatchObject({ timestampUs, observedUs })
    }
  })

  it('converts nanoseconds to microseconds exactly across the fixed64 range', () => {
    const cases: [bigint, number][] = [
      [999n, 0],
      [1_000n, 1],
      [4_294_967_295n, 4_294_967],
      [4_294_967_296n, 4_294_967],
      [4_294_968_296n, 4_294_968],
      [9_007_199_254_740_991_999n, 9_007_199_254_740_991],
      [2n ** 64n - 1n, Number((2n ** 64n - 1n) / 1000n)],
    ]
    for (const [ns, us] of cases) expect(only(decodeProto(oneRecord([field.time(ns)]))).timestampUs).toBe(us)
  })

  it('treats all-zero and empty trace and span ids as none', () => {
    const record = only(decodeProto(oneRecord([field.traceId(new Array(16).fill(0)), field.spanId([])])))
    expect(record.traceId).toBe('')
    expect(record.spanId).toBe('')
  })

  it('rejects ids of the wrong length', () => {
    expect(rejection(() => decodeProto(oneRecord([field.traceId(new Array(15).fill(1))]))).path).toBe(`${RECORD}.traceId`)
    expect(rejection(() => decodeProto(oneRecord([field.spanId(new Array(16).fill(1))]))).path).toBe(`${RECORD}.spanId`)
  })

  it('rejects severity numbers outside 0–24', () => {
    for (const n of [25, -1, 2 ** 32]) {
      expect(rejection(() => decodeProto(oneRecord([field.severityNumber(n)]))).path).toBe(`${RECORD}.severityNumber`)
    }
    expect(only(decodeProto(oneRecord([field.severityNumber(24)]))).level).toBe('error')
  })

  it('replaces invalid UTF-8 with U+FFFD', () => {
    const record = only(
      decodeProto(oneRecord([field.body(raw(1, [0x61, 0xff, 0x62])), len(6, raw(1, [0xc3]), len(2, raw(1, [0xe2, 0x82])))])),
    )
    expect(record.body).toBe('a\ufffdb')
    expect(record.attributes).toEqual({ '\ufffd': '\ufffd' })
  })

  it('decodes a resource that follows its scope logs, and merges a repeated resource', () => {
    const scope = scopeLogs([...field.body(anyValue.string('x'))])
    const payload = request([
      ...len(2, scope),
      ...len(1, resource(kv('service.name', anyValue.string('late')))),
      ...len(1, resource(kv('host.name', anyValue.string('h')))),
    ])
    const record = only(decodeProto(payload))
    expect(record.serviceName).toBe('late')
    expect(record.resourceAttributes).toEqual({ 'service.name': 'late', 'host.name': 'h' })
  })

  it('gives each ResourceLogs its own resource', () => {
    const records = decodeProto(
      request(
        resourceLogs(resource(kv('service.name', anyValue.string('a'))), scopeLogs(field.body(anyValue.string('1')))),
        resourceLogs(null, scopeLogs(field.body(anyValue.string('2'))), scopeLogs(field.body(anyValue.string('3')))),
      ),
    )
    expect(records.map((r) => [r.serviceName, r.body, r.resourceAttributes])).toEqual([
      ['a', '1', { 'service.name': 'a' }],
      ['', '2', {}],
      ['', '3', {}],
    ])
  })

  it('lets the last member of a repeated oneof win, like protobuf', () => {
    const value = [...anyValue.string('first'), ...anyValue.int(2)]
    expect(only(decodeProto(oneRecord([field.body(value)]))).body).toBe('2')
  })

  it('skips unknown fields of every wire type at every level', () => {
    const unknown = (n: number) => [
      ...int(n, 2n ** 63n),
      ...fixed64(n + 1, 1n),
      ...str(n + 2, 'future'),
      ...fixed32(n + 3, 7),
      // a group, with a nested group inside
      ...tag(n + 4, 3),
      ...int(1, 5),
      ...tag(2, 3),
      ...tag(2, 4),
      ...tag(n + 4, 4),
    ]
    const u = unknown(100)
    const plain = oneRecord(
      [field.body(anyValue.kvlist(kv('k', anyValue.array(anyValue.int(1))))), field.attribute('a', anyValue.string('v'))],
      [kv('service.name', anyValue.string('s'))],
    )
    const withUnknown = [
      ...u,
      ...len(
        1,
        u,
        len(1, resource(...[[...u, ...str(1, 'service.name'), ...len(2, [...u, ...anyValue.string('s')])]]), u),
        len(
          2,
          u,
          len(
            2,
            u,
            field.body([...u, ...len(6, u, len(1, u, str(1, 'k'), len(2, u, len(5, u, len(1, u, anyValue.int(1))))))]),
            len(6, u, str(1, 'a'), u, len(2, anyValue.string('v'), u)),
            field.eventName(''),
            u,
          ),
        ),
      ),
    ]
    expect(decodeProto(withUnknown)).toEqual(decodeProto(plain))
    expect(only(decodeProto(withUnknown)).body).toBe('{"k":[1]}')
  })

  it('reads a key that follows its value', () => {
    const record = only(decodeProto(oneRecord([len(6, len(2, anyValue.string('v')), str(1, 'k'))])))
    expect(record.attributes).toEqual({ k: 'v' })
  })
})

describe('protobuf malformed input', () => {
  const cases: [string, Bytes, string | null][] = [
    ['body as a varint', oneRecord([int(5, 1)]), `${RECORD}.body`],
    ['time as a varint', oneRecord([int(1, 1)]), `${RECORD}.timeUnixNano`],
    ['flags as a varint', oneRecord([int(8, 1)]), `${RECORD}.flags`],
    ['dropped count as bytes', oneRecord([str(7, 'x')]), `${RECORD}.droppedAttributesCount`],
    ['severity text as fixed32', oneRecord([fixed32(3, 1)]), `${RECORD}.severityText`],
    ['resourceLogs as a varint', int(1, 1), 'resourceLogs[0]'],
    ['resource as a varint', request(int(1, 1)), 'resourceLogs[0].resource'],
    ['scope logs as a varint', request(int(2, 1)), 'resourceLogs[0].scopeLogs[0]'],
    ['log record as fixed64', request(resourceLogs(null, fixed64(2, 1n))), 'resourceLogs[0].scopeLogs[0].logRecords[0]'],
    [
      'a nested value of the wrong wire type',
      oneRecord([field.attribute('ok', anyValue.int(1)), field.attribute('a', anyValue.kvlist(kv('b', str(3, '1'))))]),
      `${RECORD}.attributes[1].value.kvlistValue.values[0].value`,
    ],
    [
      'an array item of the wrong wire type',
      oneRecord([field.body(anyValue.array(anyValue.int(1), int(4, 1)))]),
      `${RECORD}.body.arrayValue.values[1]`,
    ],
    ['a truncated varint', [...oneRecord([]), ...tag(9, 0), 0x80], null],
    ['a varint longer than 10 bytes', [...tag(9, 0), ...new Array(10).fill(0xff), 0x01], null],
    ['a length past the end', [0x0a, 0x05, 0x12, 0x00], 'resourceLogs[0]'],
    ['a length past its enclosing message', request([...len(2, [0x12, 0x05]), ...str(3, 'abc')]), 'resourceLogs[0].scopeLogs[0].logRecords[0]'],
    ['field number 0', [0x02, 0x00], null],
    ['wire type 6', tag(9, 6), null],
    ['wire type 7', oneRecord([tag(13, 7)]), RECORD],
    ['an end-group with no group', tag(9, 4), null],
    ['a mismatched end-group', [...tag(5, 3), ...tag(6, 4)], null],
    ['an unterminated group', [...tag(5, 3), ...int(1, 1)], null],
    ['a truncated fixed64', oneRecord([[0x09, 1, 2, 3]]), `${RECORD}.timeUnixNano`],
    ['a truncated double', oneRecord([field.body([0x21, 1, 2])]), `${RECORD}.body`],
  ]
  for (const [name, bytes, path] of cases) {
    it(`rejects ${name}`, () => {
      const error = rejection(() => decodeProto(bytes))
      expect(error.path).toBe(path)
      expect(error.message).toMatch(/^Malformed OTLP logs payload/)
    })
  }

  it('returns nothing when a later ResourceLogs is malformed', () => {
    const good = resourceLogs(null, scopeLogs(field.body(anyValue.string('ok'))))
    const bad = resourceLogs(null, scopeLogs(field.body(anyValue.string('ok')), field.traceId([1, 2, 3])))
    expect(decodeProto(request(good, good))).toHaveLength(2)
    expect(rejection(() => decodeProto(request(good, bad))).path).toBe('resourceLogs[1].scopeLogs[0].logRecords[1].traceId')
  })
})

describe('limits (protobuf and JSON alike)', () => {
  const nestedProto = (depth: number): Bytes => (depth === 1 ? anyValue.string('x') : anyValue.array(nestedProto(depth - 1)))
  const nestedJson = (depth: number): object => (depth === 1 ? { stringValue: 'x' } : { arrayValue: { values: [nestedJson(depth - 1)] } })
  const nestedKvProto = (depth: number): Bytes => (depth === 1 ? anyValue.string('x') : anyValue.kvlist(kv('k', nestedKvProto(depth - 1))))
  const nestedKvJson = (depth: number): object =>
    depth === 1 ? { stringValue: 'x' } : { kvlistValue: { values: [{ key: 'k', value: nestedKvJson(depth - 1) }] } }

  it(`accepts values nested ${MAX_DEPTH} deep and rejects ${MAX_DEPTH + 1}`, () => {
    expect(only(decodeProto(oneRecord([field.body(nestedProto(MAX_DEPTH))]))).body).toBe(`${'['.repeat(31)}"x"${']'.repeat(31)}`)
    expect(only(decodeJson(jsonRecord({ body: nestedJson(MAX_DEPTH) }))).body).toBe(`${'['.repeat(31)}"x"${']'.repeat(31)}`)
    const key = `a${'.k'.repeat(MAX_DEPTH - 1)}`
    expect(only(decodeProto(oneRecord([field.attribute('a', nestedKvProto(MAX_DEPTH))]))).attributes).toEqual({ [key]: 'x' })
    expect(only(decodeJson(jsonRecord({ attributes: [{ key: 'a', value: nestedKvJson(MAX_DEPTH) }] }))).attributes).toEqual({ [key]: 'x' })

    expect(rejection(() => decodeProto(oneRecord([field.body(nestedProto(MAX_DEPTH + 1))]))).message).toMatch(/nested deeper/)
    expect(rejection(() => decodeJson(jsonRecord({ body: nestedJson(MAX_DEPTH + 1) }))).message).toMatch(/nested deeper/)
    expect(rejection(() => decodeProto(oneRecord([field.attribute('a', nestedKvProto(MAX_DEPTH + 1))]))).message).toMatch(/nested deeper/)
    expect(rejection(() => decodeJson(jsonRecord({ attributes: [{ key: 'a', value: nestedKvJson(MAX_DEPTH + 1) }] }))).message).toMatch(
      /nested deeper/,
    )
  })

  it(`accepts ${MAX_ATTRIBUTES} attributes on a record and rejects one more, nested ones included`, () => {
    const attrs = (n: number) => Array.from({ length: n }, (_, i) => field.attribute(`k${i}`, anyValue.int(i)))
    expect(Object.keys(only(decodeProto(oneRecord(attrs(MAX_ATTRIBUTES)))).attributes)).toHaveLength(MAX_ATTRIBUTES)
    expect(rejection(() => decodeProto(oneRecord(attrs(MAX_ATTRIBUTES + 1)))).path).toBe(`${RECORD}.attributes[${MAX_ATTRIBUTES}]`)
    const wide = anyValue.kvlist(...Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i) => kv(`k${i}`, anyValue.bool(true))))
    expect(rejection(() => decodeProto(oneRecord([field.attribute('a', wide)]))).message).toMatch(/more than 1000 attributes/)
    const jsonAttrs = Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i) => ({ key: `k${i}`, value: { intValue: i } }))
    expect(rejection(() => decodeJson(jsonRecord({ attributes: jsonAttrs }))).path).toBe(`${RECORD}.attributes[${MAX_ATTRIBUTES}]`)
  })

  it(`rejects a payload whose flattened keys blow up past ${MAX_EXPANSION} times its size`, () => {
    const long = 'k'.repeat(100_000)
    const leaves = Array.from({ length: 1000 }, (_, i) => kv(`${i}`, anyValue.bool(true)))
    const bomb = oneRecord([field.attribute(long, anyValue.kvlist(...leaves))])
    expect(rejection(() => decodeProto(bomb)).message).toMatch(/more than 16 times the payload size/)
    const jsonLeaves = Array.from({ length: 1000 }, (_, i) => ({ key: `${i}`, value: { boolValue: true } }))
    const jsonBomb = jsonRecord({ attributes: [{ key: long, value: { kvlistValue: { values: jsonLeaves } } }] })
    expect(rejection(() => decodeJson(jsonBomb)).message).toMatch(/more than 16 times the payload size/)
    // The same shape with an ordinary parent key is fine.
    expect(Object.keys(only(decodeProto(oneRecord([field.attribute('k', anyValue.kvlist(...leaves))]))).attributes)).toHaveLength(1000)
  })

  it('accepts a 1 MiB body and rejects a larger one', () => {
    const max = 'é'.repeat(MAX_BODY_BYTES / 2)
    expect(only(decodeProto(oneRecord([field.body(anyValue.string(max))]))).body).toBe(max)
    expect(only(decodeJson(jsonRecord({ body: { stringValue: max } }))).body).toBe(max)
    expect(rejection(() => decodeProto(oneRecord([field.body(anyValue.string(`${max}x`))]))).path).toBe(`${RECORD}.body`)
    expect(rejection(() => decodeJson(jsonRecord({ body: { stringValue: `${max}x` } }))).path).toBe(`${RECORD}.body`)
    const longJson = anyValue.array(...Array.from({ length: 5 }, () => anyValue.string('a'.repeat(MAX_BODY_BYTES / 5))))
    expect(rejection(() => decodeProto(oneRecord([field.body(longJson)]))).message).toMatch(/body larger than/)
  })
})
