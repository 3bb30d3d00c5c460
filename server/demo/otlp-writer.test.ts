/**
 * The demo's OTLP protobuf writer against two readers it does not share code with: protobufjs
 * (given the OTLP field numbers, it must produce the very same bytes: canonical protobuf) and the
 * server's own reader (server/ingest/otlp-proto.ts, which must read back exactly what was meant).
 */
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { decodeOtlpLogs } from '../ingest/otlp'
import { OtlpLogsWriter } from './otlp-writer'

/** The part of opentelemetry/proto the writer uses, field numbers as in the .proto files. */
const otlp = protobuf.Root.fromJSON({
  nested: {
    // A oneof member is written whenever it is set, even to "" (the writer sets string_value always).
    AnyValue: { oneofs: { value: { oneof: ['stringValue'] } }, fields: { stringValue: { type: 'string', id: 1 } } },
    KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
    InstrumentationScope: { fields: { name: { type: 'string', id: 1 } } },
    Resource: { fields: { attributes: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
    LogRecord: {
      fields: {
        timeUnixNano: { type: 'fixed64', id: 1 },
        severityNumber: { type: 'int32', id: 2 },
        severityText: { type: 'string', id: 3 },
        body: { type: 'AnyValue', id: 5 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 6 },
        traceId: { type: 'bytes', id: 9 },
        spanId: { type: 'bytes', id: 10 },
        observedTimeUnixNano: { type: 'fixed64', id: 11 },
      },
    },
    ScopeLogs: { fields: { scope: { type: 'InstrumentationScope', id: 1 }, logRecords: { rule: 'repeated', type: 'LogRecord', id: 2 } } },
    ResourceLogs: { fields: { resource: { type: 'Resource', id: 1 }, scopeLogs: { rule: 'repeated', type: 'ScopeLogs', id: 2 } } },
    ExportLogsServiceRequest: { fields: { resourceLogs: { rule: 'repeated', type: 'ResourceLogs', id: 1 } } },
  },
}).lookupType('ExportLogsServiceRequest')

interface Log {
  timeUs: number
  severityNumber: number
  severityText: string
  body: string
  attributes: string[]
  traceId: string
  spanId: string
}
interface Resource {
  attributes: string[]
  scope: string
  logs: Log[]
}

const keyValues = (kv: string[]) => {
  const out = []
  for (let i = 0; i < kv.length; i += 2) out.push({ key: kv[i], value: { stringValue: kv[i + 1] } })
  return out
}

/** The same request through protobufjs, with exactly the fields the writer sets. */
function reference(resources: Resource[]): Buffer {
  const message = {
    resourceLogs: resources.map((r) => ({
      resource: { attributes: keyValues(r.attributes) },
      scopeLogs: [
        {
          scope: r.scope ? { name: r.scope } : {},
          logRecords: r.logs.map((l) => ({
            ...(l.timeUs > 0 ? { timeUnixNano: `${l.timeUs}000` } : {}),
            ...(l.severityNumber ? { severityNumber: l.severityNumber } : {}),
            ...(l.severityText ? { severityText: l.severityText } : {}),
            body: { stringValue: l.body },
            attributes: keyValues(l.attributes),
            ...(l.traceId ? { traceId: Buffer.from(l.traceId, 'hex') } : {}),
            ...(l.spanId ? { spanId: Buffer.from(l.spanId, 'hex') } : {}),
            ...(l.timeUs > 0 ? { observedTimeUnixNano: `${l.timeUs}000` } : {}),
          })),
        },
      ],
    })),
  }
  const typed = otlp.fromObject(message)
  expect(otlp.verify(typed)).toBeNull()
  return Buffer.from(otlp.encode(typed).finish())
}

/** Writes the resources' logs interleaved (round robin), as the generator does. */
function write(writer: OtlpLogsWriter, resources: Resource[]): Buffer {
  const handles = resources.map((r) => writer.resource(r.attributes, r.scope))
  const longest = Math.max(...resources.map((r) => r.logs.length))
  for (let i = 0; i < longest; i++) {
    resources.forEach((r, k) => {
      const l = r.logs[i]
      if (l) writer.log(handles[k]!, l.timeUs, l.severityNumber, l.severityText, l.body, l.attributes, l.traceId, l.spanId)
    })
  }
  return writer.finish()
}

const decode = (payload: Buffer) => {
  let n = 0
  return decodeOtlpLogs(payload, 'protobuf', { nowUs: 1, newUuid: () => `uuid-${++n}` })
}

// 2026-11-26T08:00:00.123456Z: in nanoseconds far past 2^53, so the fixed64 halves must be exact.
const T = 1_795_680_000_123_456
const checkout: Resource = {
  attributes: ['service.name', 'checkout', 'host.name', 'ip-10-0-1-12', 'note', 'naïve ✓ 日本 😀'],
  scope: 'http-server',
  logs: [
    {
      timeUs: T,
      severityNumber: 17,
      severityText: 'ERROR',
      body: 'payment failed: tímeout 😀',
      attributes: ['http.route', '/checkout/:id/confirm', 'url.path', '/checkout/42/confirm', 'ünïcode.kéy', 'välue'],
      traceId: '5B8EFFF798038103D269B633813FC60C',
      spanId: 'eee19b7ec3c1b174',
    },
    // Over 16 KiB: the record's length needs a third varint byte, so the writer moves it.
    { timeUs: T + 1, severityNumber: 9, severityText: 'INFO', body: 'x'.repeat(20_000), attributes: ['big', 'y'.repeat(300)], traceId: '', spanId: '' },
    // Under 128 bytes: a one-byte length, the record moves the other way.
    { timeUs: T + 2, severityNumber: 0, severityText: '', body: 'tiny', attributes: [], traceId: '', spanId: '' },
  ],
}
const anonymous: Resource = {
  attributes: [],
  scope: '',
  logs: [
    { timeUs: T - 5, severityNumber: 5, severityText: 'DEBUG', body: '', attributes: ['k', ''], traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' },
    // Time 0 (unknown) is not written; the reader then takes "now".
    { timeUs: 0, severityNumber: 13, severityText: 'WARN', body: 'no time', attributes: [], traceId: '', spanId: '' },
  ],
}

describe('OtlpLogsWriter', () => {
  it('writes the same bytes as protobufjs: canonical protobuf, resources in order of creation', () => {
    const resources = [checkout, anonymous]
    const bytes = write(new OtlpLogsWriter(), resources)
    expect(bytes.equals(reference(resources))).toBe(true)
  })

  it("reads back through the server's protobuf reader as exactly the logs that were written", () => {
    const records = decode(write(new OtlpLogsWriter(), [checkout, anonymous]))
    const resource = { 'service.name': 'checkout', 'host.name': 'ip-10-0-1-12', note: 'naïve ✓ 日本 😀' }
    expect(records.map(({ uuid: _uuid, level: _level, bytes: _bytes, ...r }) => r)).toEqual([
      {
        timestampUs: T,
        observedUs: T,
        severityText: 'ERROR',
        severityNumber: 17,
        serviceName: 'checkout',
        body: 'payment failed: tímeout 😀',
        attributes: { 'http.route': '/checkout/:id/confirm', 'url.path': '/checkout/42/confirm', 'ünïcode.kéy': 'välue' },
        resourceAttributes: resource,
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        eventName: '',
      },
      {
        timestampUs: T + 1,
        observedUs: T + 1,
        severityText: 'INFO',
        severityNumber: 9,
        serviceName: 'checkout',
        body: 'x'.repeat(20_000),
        attributes: { big: 'y'.repeat(300) },
        resourceAttributes: resource,
        traceId: '',
        spanId: '',
        eventName: '',
      },
      { timestampUs: T + 2, observedUs: T + 2, severityText: '', severityNumber: 0, serviceName: 'checkout', body: 'tiny', attributes: {}, resourceAttributes: resource, traceId: '', spanId: '', eventName: '' },
      {
        timestampUs: T - 5,
        observedUs: T - 5,
        severityText: 'DEBUG',
        severityNumber: 5,
        serviceName: '',
        body: '',
        attributes: { k: '' },
        resourceAttributes: {},
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        eventName: '',
      },
      { timestampUs: 1, observedUs: 1, severityText: 'WARN', severityNumber: 13, serviceName: '', body: 'no time', attributes: {}, resourceAttributes: {}, traceId: '', spanId: '', eventName: '' },
    ])
  })

  it('starts over after finish, and each request owns its whole ArrayBuffer (so it can be transferred)', () => {
    const writer = new OtlpLogsWriter()
    const first = write(writer, [checkout, anonymous])
    const second = write(writer, [anonymous])
    expect(second.equals(reference([anonymous]))).toBe(true)
    expect(write(writer, [])).toHaveLength(0)
    for (const b of [first, second]) {
      expect(b.byteOffset).toBe(0)
      expect(b.buffer.byteLength).toBe(b.length)
    }
    // The first request was not overwritten by the buffers' reuse.
    expect(first.equals(reference([checkout, anonymous]))).toBe(true)
  })

  it('refuses ids that are not 8 or 16 bytes of hex', () => {
    const writer = new OtlpLogsWriter()
    const r = writer.resource([], '')
    expect(() => writer.log(r, T, 9, 'INFO', 'b', [], 'abc', '')).toThrow(/16 bytes/)
    expect(() => writer.log(r, T, 9, 'INFO', 'b', [], '', 'zzzzzzzzzzzzzzzz')).toThrow(/hex/)
  })
})
