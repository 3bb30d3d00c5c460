import { gzipSync } from 'node:zlib'
import { SeverityNumber } from '@opentelemetry/api-logs'
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { otlpPayload, startTestServer, type TestServer } from './support/server'

const E = '/api/environments/1/logs'
let s: TestServer

beforeAll(async () => {
  s = await startTestServer()
})
afterAll(async () => {
  await s?.stop()
})

const countOf = async (service: string) => {
  const r = await s.api(`${E}/query`, { body: { query: { serviceNames: [service], limit: 1000, dateRange: { date_from: '-24h' } } } })
  return r.body.results.length as number
}

describe('OTLP/HTTP ingestion', () => {
  it('takes logs from the real OpenTelemetry JS SDK (protobuf exporter) with every field mapped', async () => {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'otel-sdk-svc', 'service.version': '3.1.4', 'deployment.environment': 'test' }),
      processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${s.url}/v1/logs`, headers: { Authorization: `Bearer ${s.token}` } }) })],
    })
    const logger = provider.getLogger('checkout-handler', '1.0.0')
    const ts = Date.now() - 1000
    logger.emit({
      timestamp: ts,
      severityNumber: SeverityNumber.ERROR,
      severityText: 'ERROR',
      body: 'payment declined for order 42',
      attributes: { 'http.route': '/pay', 'http.status_code': 402, retry: false, ratio: 0.25, tags: ['a', 'b'] },
    })
    logger.emit({ severityNumber: SeverityNumber.WARN, body: { structured: true, count: 3 } })
    await provider.forceFlush()
    await provider.shutdown()

    const r = await s.api(`${E}/query`, { body: { query: { serviceNames: ['otel-sdk-svc'], orderBy: 'earliest' } } })
    expect(r.body.results).toHaveLength(2)
    const first = r.body.results.find((x: any) => x.level === 'error')
    const second = r.body.results.find((x: any) => x.level === 'warn')
    expect(first).toMatchObject({
      body: 'payment declined for order 42',
      severity_text: 'ERROR',
      severity_number: 17,
      level: 'error',
      service_name: 'otel-sdk-svc',
      timestamp: new Date(ts).toISOString(),
      attributes: { 'http.route': '/pay', 'http.status_code': '402', retry: 'false', ratio: '0.25', tags: '["a","b"]' },
      resource_attributes: expect.objectContaining({ 'service.name': 'otel-sdk-svc', 'service.version': '3.1.4' }),
    })
    expect(second).toMatchObject({ body: '{"structured":true,"count":3}', level: 'warn', severity_number: 13 })
    const services = await s.api(`${E}/services`, { body: { query: {} } })
    expect(services.body.services.find((x: any) => x.service_name === 'otel-sdk-svc')).toMatchObject({ log_count: 2, error_count: 1 })
  })

  it('accepts gzip and answers OTLP JSON with a plain success', async () => {
    const payload = otlpPayload([{ service: 'gzip-svc', body: 'zipped', timeMs: Date.now() - 500 }])
    const res = await fetch(`${s.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${s.token}` },
      body: gzipSync(JSON.stringify(payload)),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    expect(await countOf('gzip-svc')).toBe(1)
  })

  it('refuses unauthenticated, unsupported, malformed and oversize payloads, storing nothing of them', async () => {
    const good = otlpPayload([{ service: 'refused-svc', body: 'x', timeMs: Date.now() - 100 }])
    expect((await s.sendOtlp(good, { authorization: '' })).status).toBe(401)
    expect((await s.sendOtlp(good, { authorization: 'Bearer phc_wrong' })).status).toBe(401)
    const text = await s.api('/v1/logs', { method: 'POST', raw: 'hi', headers: { 'content-type': 'text/plain', authorization: `Bearer ${s.token}` } })
    expect(text.status).toBe(415)
    expect(text.body.code).toBe('unsupported_media_type')
    const get = await s.api('/v1/logs')
    expect(get.status).toBe(405)

    // Half-malformed: the first resource is fine, a record in the second has a bad trace id.
    const half = otlpPayload([
      { service: 'refused-svc', body: 'fine', timeMs: Date.now() - 100 },
      { service: 'refused-svc-2', body: 'bad', timeMs: Date.now() - 100, traceId: 'zz' },
    ])
    const r = await s.sendOtlp(half)
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ type: 'validation_error', code: 'parse_error' })
    const broken = await s.api('/v1/logs', { method: 'POST', raw: '{"resourceLogs": [', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` } })
    expect(broken.status).toBe(400)
    const proto = await s.api('/v1/logs', { method: 'POST', raw: Buffer.from([0x0a, 0xff, 0xff, 0xff]), headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${s.token}` } })
    expect(proto.status).toBe(400)
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))
    const zipped = await fetch(`${s.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${s.token}` },
      body: bomb,
    })
    expect(zipped.status).toBe(413)
    expect(await countOf('refused-svc')).toBe(0)
    expect(await countOf('refused-svc-2')).toBe(0)
  })

  it('keeps what was written across a restart', async () => {
    const dir = await startTestServer()
    await dir.sendOtlp(otlpPayload([{ service: 'durable-svc', body: 'survives', timeMs: Date.now() - 100 }]))
    const { dataDir } = dir
    await dir.stop({ keepData: true })
    const again = await startTestServer({}, dataDir)
    try {
      const r = await again.api(`${E}/query`, { body: { query: { serviceNames: ['durable-svc'] } } })
      expect(r.body.results.map((x: any) => x.body)).toEqual(['survives'])
      expect(again.token).toBe(dir.token)
    } finally {
      await again.stop()
    }
  })
})
