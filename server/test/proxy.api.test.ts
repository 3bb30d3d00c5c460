import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAiConfig } from '../ai/config'
import { loadConfig, type Config } from '../config'
import { createKey } from '../store/keys'
import { startProxyServer, type RunningProxy } from '../upstream/server'
import { FAKE_MODEL, startFakeOpenAI, type FakeOpenAI } from './support/fake-openai'
import { startPosthogShim } from './support/posthog-shim'
import { otlpPayload, startTestServer, type TestServer } from './support/server'

/** PostHog mode end to end: proxy → a shim answering with PostHog's quirks → a real server (keys mode). */
const L = '/api/environments/1/logs'
let upstream: TestServer
let ai: FakeOpenAI
let key: string
const seen: string[] = []
const proxies: RunningProxy[] = []
const closers: (() => Promise<void>)[] = []

async function proxyTo(host: string, overrides: Partial<Config['posthog'] & object> = {}): Promise<RunningProxy> {
  const proxy = await startProxyServer({
    ...loadConfig([], {}),
    port: 0,
    staticDir: null,
    logLevel: 'silent',
    posthog: { host, apiKey: key, environmentId: 1, timeoutMs: 5_000, ...overrides },
  })
  proxies.push(proxy)
  return proxy
}

/** Every answer the browser could see is kept, so the last test can prove the key never leaks. */
async function call(base: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(base + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await res.text()
  seen.push(text, JSON.stringify([...res.headers]))
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

beforeAll(async () => {
  ai = await startFakeOpenAI()
  upstream = await startTestServer({ auth: 'keys' }, undefined, { ai: loadAiConfig({ AI_BASE_URL: ai.url, AI_MODEL: FAKE_MODEL }) })
  key = (await createKey(upstream.ctx.db, { label: 'proxy', scopes: ['*'], environmentIds: null })).secret
  await upstream.sendOtlp(otlpPayload(Array.from({ length: 30 }, (_, i) => ({ service: 'px', body: `px ${i}`, severity: i % 5 ? 'INFO' : 'ERROR', timeMs: Date.now() - 60_000 + i }))))
})
afterAll(async () => {
  for (const p of proxies) await p.close()
  for (const c of closers) await c()
  await upstream?.stop()
  await ai?.close()
})

describe('PostHog mode', () => {
  it('adds the key server-side and mends bare arrays, 200-for-201 and bare-string errors', async () => {
    const shim = await startPosthogShim(upstream.url)
    closers.push(shim.close)
    const proxy = await proxyTo(shim.url)
    // The shim really answers like PostHog: a bare array from sparkline.
    const raw = await fetch(`${shim.url}${L}/sparkline/`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}' })
    expect(Array.isArray(await raw.json())).toBe(true)

    const spark = await call(proxy.url, `${L}/sparkline`, { body: { query: { serviceNames: ['px'] } } })
    expect(spark.status).toBe(200)
    expect(spark.body.results.reduce((n: number, p: any) => n + p.count, 0)).toBe(30)
    expect(shim.requests.at(-1)!.authorization).toBe(`Bearer ${key}`)

    const a = await call(proxy.url, `${L}/sampling_rules`, { body: { name: 'a', rule_type: 'path_drop', config: { patterns: ['^/health'] } } })
    const b = await call(proxy.url, `${L}/sampling_rules`, { body: { name: 'b', rule_type: 'path_drop', config: { patterns: ['^/ready'] } } })
    expect(a.status).toBe(201)
    const reordered = await call(proxy.url, `${L}/sampling_rules/reorder`, { body: { ordered_ids: [b.body.id, a.body.id] } })
    expect(reordered.status).toBe(200)
    expect(reordered.body).toMatchObject({ count: 2, next: null, previous: null })
    expect(reordered.body.results.map((r: any) => r.name)).toEqual(['b', 'a'])

    const log = (await call(proxy.url, `${L}/query`, { body: { query: { serviceNames: ['px'], limit: 1 } } })).body.results[0]
    const explained = await call(proxy.url, `${L}/explainLogWithAI`, { body: { uuid: log.uuid, timestamp: log.timestamp } })
    expect(explained.status).toBe(201)
    expect(explained.body.model).toBe(FAKE_MODEL)

    const missing = await call(proxy.url, `${L}/views/nothere`)
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ type: 'invalid_request', code: 'not_found', detail: expect.stringMatching(/nothere/), attr: null })
    const invalid = await call(proxy.url, `${L}/query`, { body: { query: { limit: 0 } } })
    expect(invalid.status).toBe(400)
    expect(invalid.body.attr).toBe('query__limit')
  })

  it("passes PostHog's placeholder simulate and missing extension fields through as absent, not zero", async () => {
    const shim = await startPosthogShim(upstream.url, { placeholderSimulate: true })
    closers.push(shim.close)
    const proxy = await proxyTo(shim.url)
    const rule = await call(proxy.url, `${L}/sampling_rules`, { body: { name: 'c', rule_type: 'path_drop', config: { patterns: ['x'] } } })
    expect(rule.body.impact_24h).toBeUndefined()
    expect(rule.body.warnings).toBeUndefined()
    const sim = await call(proxy.url, `${L}/sampling_rules/${rule.body.id}/simulate`, { body: {} })
    expect(sim.body).toEqual({ estimated_reduction_pct: 0, notes: expect.any(String) })
    const services = await call(proxy.url, `${L}/services`, { body: {} })
    expect(services.body.total_services).toBeUndefined()
    expect(services.body.services.length).toBeGreaterThan(0)
  })

  it('turns upstream failures into 502/503/504 without leaking the key or the address', async () => {
    const wrongKey = await proxyTo(upstream.url, { apiKey: 'phx_wrong-key-value' })
    const rejected = await call(wrongKey.url, `${L}/query`, { body: {} })
    expect(rejected.status).toBe(502)
    expect(rejected.body.code).toBe('upstream_error')
    expect(JSON.stringify(rejected.body)).not.toContain('phx_wrong-key-value')

    const down = await proxyTo('http://127.0.0.1:9')
    const unreachable = await call(down.url, `${L}/query`, { body: {} })
    expect(unreachable.status).toBe(503)
    expect(unreachable.body.code).toBe('upstream_unavailable')

    const silent: Server = createServer(() => undefined) // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    closers.push(
      () =>
        new Promise((r) => {
          silent.closeAllConnections()
          silent.close(() => r())
        }),
    )
    const slow = await proxyTo(`http://127.0.0.1:${(silent.address() as { port: number }).port}`, { timeoutMs: 300 })
    const timedOut = await call(slow.url, `${L}/query`, { body: {} })
    expect(timedOut.status).toBe(504)
    expect(timedOut.body.code).toBe('upstream_timeout')
    for (const body of [unreachable.body, timedOut.body]) expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1/)
  })

  it('says which backend it is and refuses ingestion', async () => {
    const proxy = await proxyTo(upstream.url)
    const info = await call(proxy.url, '/api/logdeck/backend')
    expect(info.body).toEqual({ backend: 'posthog', host: '127.0.0.1', default_environment_id: 1 })
    const ingest = await call(proxy.url, '/v1/logs', { body: {} })
    expect(ingest.status).toBe(404)
    expect(ingest.body.detail).toMatch(/send OTLP logs to PostHog/)
    const embedded = await fetch(`${upstream.url}/api/logdeck/backend`)
    expect(await embedded.json()).toEqual({ backend: 'embedded', default_environment_id: 1 })
  })

  it('never shows the personal API key in any answer', () => {
    expect(seen.length).toBeGreaterThan(20)
    for (const text of seen) expect(text).not.toContain(key)
  })
})
