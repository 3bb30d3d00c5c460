/**
 * decodeOtlpLogs against payloads written by the real OpenTelemetry JS serializers (the same
 * bytes an SDK exporter sends), in both encodings, plus the malformed-input guarantees.
 */
import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api'
import { SeverityNumber } from '@opentelemetry/api-logs'
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs'
import { describe, expect, it } from 'vitest'
import { recordBytes, type LogRecord } from '../logs/record'
import { decodeOtlpLogs, decodeOtlpSlices, OtlpDecodeError, type OtlpEncoding } from './otlp'

const NOW_US = 1_800_000_000_000_000

function options() {
  let n = 0
  return { nowUs: NOW_US, newUuid: () => `uuid-${++n}` }
}

const decode = (body: Uint8Array, encoding: OtlpEncoding) => decodeOtlpLogs(Buffer.from(body), encoding, options())

const TRACE_ID = '5B8EFFF798038103D269B633813FC60C'.toLowerCase()
const SPAN_ID = 'eee19b7ec3c1b174'

/** Emits logs through a real LoggerProvider and returns what its exporter received. */
async function emit(): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter()
  const checkout = new LoggerProvider({
    resource: resourceFromAttributes({
      'service.name': 'checkout',
      'host.name': 'web-1',
      'process.pid': 4242,
      'sample.ratio': 0.25,
      'feature.enabled': true,
    }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  })
  const nameless = new LoggerProvider({
    resource: resourceFromAttributes({ 'host.name': 'worker-7' }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  })
  const traced = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED })

  const http = checkout.getLogger('http', '1.2.3')
  http.emit({
    timestamp: [1_760_000_000, 123_456_789],
    observedTimestamp: [1_760_000_001, 987_654_321],
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: 'GET /api/cart took 1200ms',
    eventName: 'http.slow_request',
    context: traced,
    attributes: {
      'url.path': '/api/cart',
      'http.response.status_code': 200,
      'duration.seconds': 1.2,
      retried: false,
      blob: new Uint8Array([0, 1, 2, 250, 251, 252]),
      tags: ['a', 'b', 3],
      http: { request: { header: { 'x-id': 'abc', 'x-n': 7 } }, method: 'GET' },
    },
  })
  http.emit({
    timestamp: [1_760_000_002, 0],
    observedTimestamp: [1_760_000_003, 500],
    severityNumber: SeverityNumber.ERROR2,
    body: { message: 'boom', code: 500, nested: { ok: false, list: [1.5, 'x'] } },
  })
  const jobs = checkout.getLogger('jobs')
  jobs.emit({ timestamp: [0, 0], observedTimestamp: [1_760_000_004, 1_000], severityText: 'info', body: ['x', 1, true] })
  jobs.emit({ timestamp: [0, 0], observedTimestamp: [0, 0], body: 42 })
  nameless.getLogger('worker').emit({ timestamp: [1_760_000_005, 999], body: 3.5, severityNumber: SeverityNumber.FATAL })

  await checkout.forceFlush()
  await nameless.forceFlush()
  return exporter.getFinishedLogRecords()
}

const checkoutResource = {
  'service.name': 'checkout',
  'host.name': 'web-1',
  'process.pid': '4242',
  'sample.ratio': '0.25',
  'feature.enabled': 'true',
}

function expected(
  uuid: string,
  fields: Omit<LogRecord, 'uuid' | 'bytes' | 'traceId' | 'spanId' | 'eventName' | 'severityText'> &
    Partial<Pick<LogRecord, 'traceId' | 'spanId' | 'eventName' | 'severityText'>>,
): LogRecord {
  return {
    uuid,
    severityText: '',
    traceId: '',
    spanId: '',
    eventName: '',
    ...fields,
    bytes: recordBytes(fields.body, fields.attributes, fields.resourceAttributes),
  }
}

const EXPECTED: LogRecord[] = [
  expected('uuid-1', {
    timestampUs: 1_760_000_000_123_456,
    observedUs: 1_760_000_001_987_654,
    severityText: 'WARN',
    severityNumber: 13,
    level: 'warn',
    serviceName: 'checkout',
    body: 'GET /api/cart took 1200ms',
    attributes: {
      'url.path': '/api/cart',
      'http.response.status_code': '200',
      'duration.seconds': '1.2',
      retried: 'false',
      blob: Buffer.from([0, 1, 2, 250, 251, 252]).toString('base64'),
      tags: '["a","b",3]',
      'http.request.header.x-id': 'abc',
      'http.request.header.x-n': '7',
      'http.method': 'GET',
    },
    resourceAttributes: checkoutResource,
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    eventName: 'http.slow_request',
  }),
  expected('uuid-2', {
    timestampUs: 1_760_000_002_000_000,
    observedUs: 1_760_000_003_000_000,
    severityNumber: 18,
    level: 'error',
    serviceName: 'checkout',
    body: '{"message":"boom","code":500,"nested":{"ok":false,"list":[1.5,"x"]}}',
    attributes: {},
    resourceAttributes: checkoutResource,
  }),
  expected('uuid-3', {
    timestampUs: 1_760_000_004_000_001,
    observedUs: 1_760_000_004_000_001,
    severityText: 'info',
    severityNumber: 0,
    level: 'info',
    serviceName: 'checkout',
    body: '["x",1,true]',
    attributes: {},
    resourceAttributes: checkoutResource,
  }),
  expected('uuid-4', {
    timestampUs: NOW_US,
    observedUs: NOW_US,
    severityNumber: 0,
    level: 'debug',
    serviceName: 'checkout',
    body: '42',
    attributes: {},
    resourceAttributes: checkoutResource,
  }),
  expected('uuid-5', {
    timestampUs: 1_760_000_005_000_000,
    observedUs: expect.any(Number) as number,
    severityNumber: 21,
    level: 'error',
    serviceName: '',
    body: '3.5',
    attributes: {},
    resourceAttributes: { 'host.name': 'worker-7' },
  }),
]

describe('payloads from the OpenTelemetry JS serializers', () => {
  for (const [encoding, serializer] of [
    ['protobuf', ProtobufLogsSerializer],
    ['json', JsonLogsSerializer],
  ] as const) {
    it(`maps every field (${encoding})`, async () => {
      const logs = await emit()
      const records = decode(serializer.serializeRequest(logs)!, encoding)
      expect(records).toEqual(EXPECTED)
      // The observed time the SDK filled in itself (no observedTimestamp given).
      const [seconds, nanos] = logs[4]!.hrTimeObserved
      expect(records[4]!.observedUs).toBe(seconds * 1_000_000 + Math.floor(nanos / 1000))
    })
  }

  it('hands the same records over in slices, in order, none larger than asked', async () => {
    const logs = await emit()
    for (const [encoding, body] of [
      ['protobuf', ProtobufLogsSerializer.serializeRequest(logs)!],
      ['json', JsonLogsSerializer.serializeRequest(logs)!],
    ] as const) {
      for (const size of [1, 2, 4, 100]) {
        const slices: LogRecord[][] = []
        decodeOtlpSlices(Buffer.from(body), encoding, options(), size, (records) => slices.push(records))
        expect(slices.flat()).toEqual(EXPECTED)
        expect(slices.every((slice) => slice.length > 0 && slice.length <= size)).toBe(true)
        expect(slices).toHaveLength(Math.ceil(EXPECTED.length / size))
      }
    }
  })

  it('decodes both encodings of one batch to the same records', async () => {
    const logs = await emit()
    const proto = decode(ProtobufLogsSerializer.serializeRequest(logs)!, 'protobuf')
    const json = decode(JsonLogsSerializer.serializeRequest(logs)!, 'json')
    expect(json).toEqual(proto)
  })

  it('gives records of one resource one shared, frozen resource map', async () => {
    const records = decode(ProtobufLogsSerializer.serializeRequest(await emit())!, 'protobuf')
    expect(records[0]!.resourceAttributes).toBe(records[3]!.resourceAttributes)
    expect(Object.isFrozen(records[0]!.resourceAttributes)).toBe(true)
    expect(records[0]!.attributes).not.toBe(records[1]!.attributes)
  })
})

/** Decodes or throws OtlpDecodeError; any other exception fails the test. Returns the record count or the error. */
function decodeOrReject(body: Uint8Array, encoding: OtlpEncoding): number | OtlpDecodeError {
  try {
    return decode(body, encoding).length
  } catch (e) {
    if (e instanceof OtlpDecodeError) return e
    throw e
  }
}

describe('malformed input', () => {
  it('a protobuf payload cut at any byte decodes whole or throws OtlpDecodeError', async () => {
    const full = ProtobufLogsSerializer.serializeRequest(await emit())!
    const accepted: [number, number][] = []
    for (let cut = 0; cut < full.length; cut++) {
      const outcome = decodeOrReject(full.subarray(0, cut), 'protobuf')
      if (!(outcome instanceof OtlpDecodeError)) accepted.push([cut, outcome])
    }
    // Only the empty prefix and the cut between the two ResourceLogs are whole messages: the
    // first holds no records, the second all four of the first resource.
    expect(accepted.map(([, records]) => records)).toEqual([0, 4])
    expect(accepted[0]![0]).toBe(0)
  })

  it('a JSON payload cut at any byte throws OtlpDecodeError', async () => {
    const full = JsonLogsSerializer.serializeRequest(await emit())!
    for (let cut = 0; cut < full.length; cut++) {
      expect(decodeOrReject(full.subarray(0, cut), 'json')).toBeInstanceOf(OtlpDecodeError)
    }
  })

  it('random bytes and bit flips never escape as anything but OtlpDecodeError', async () => {
    const full = ProtobufLogsSerializer.serializeRequest(await emit())!
    let seed = 12345
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff
    for (let i = 0; i < 2000; i++) {
      const noise = Uint8Array.from({ length: 1 + (i % 300) }, random)
      decodeOrReject(noise, 'protobuf')
      decodeOrReject(noise, 'json')
      const flipped = Uint8Array.from(full)
      flipped[(random() << 8 | random()) % flipped.length]! ^= 1 << (random() & 7)
      decodeOrReject(flipped, 'protobuf')
    }
  })

  it('a batch that is malformed halfway returns nothing and names the bad record', async () => {
    const logs = await emit()
    const json = JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(logs)))
    json.resourceLogs[0].scopeLogs[1].logRecords[1].severityText = 7
    expect(() => decode(Buffer.from(JSON.stringify(json)), 'json')).toThrow(
      expect.objectContaining({ path: 'resourceLogs[0].scopeLogs[1].logRecords[1].severityText' }),
    )
    // In slices, the ones before the bad record were handed over by then: the caller undoes them.
    const handed: LogRecord[] = []
    expect(() => decodeOtlpSlices(Buffer.from(JSON.stringify(json)), 'json', options(), 1, (records) => handed.push(...records))).toThrow(OtlpDecodeError)
    expect(handed.length).toBeGreaterThan(0)
    expect(handed).toEqual(EXPECTED.slice(0, handed.length))

    const proto = ProtobufLogsSerializer.serializeRequest(logs)!
    // Corrupt the trace id of the first record: its length byte follows the tag (field 9, bytes).
    const at = Buffer.from(proto).indexOf(Buffer.from([0x4a, 16, ...Buffer.from(TRACE_ID, 'hex')]))
    expect(at).toBeGreaterThan(0)
    const bad = Uint8Array.from(proto)
    bad[at] = 0x49 // field 9 as fixed64
    const error = decodeOrReject(bad, 'protobuf')
    expect(error).toBeInstanceOf(OtlpDecodeError)
    expect((error as OtlpDecodeError).path).toBe('resourceLogs[0].scopeLogs[0].logRecords[0].traceId')
  })
})
