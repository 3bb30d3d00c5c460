import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAiConfig } from '../ai/config'
import { FAKE_EXPLANATION, FAKE_MODEL, startFakeOpenAI, type FakeOpenAI } from './support/fake-openai'
import { otlpPayload, startTestServer, type TestServer } from './support/server'

const X = '/api/environments/1/logs/explainLogWithAI'
let ai: FakeOpenAI
let s: TestServer
let target: { uuid: string; timestamp: string }

beforeAll(async () => {
  ai = await startFakeOpenAI()
  s = await startTestServer({}, undefined, { ai: loadAiConfig({ AI_BASE_URL: ai.url, AI_MODEL: FAKE_MODEL, AI_API_KEY: 'sk-provider-key-123', AI_RATE_LIMIT_PER_MIN: '5', AI_TIMEOUT_MS: '2000' }) })
  const now = Date.now()
  const logs = Array.from({ length: 12 }, (_, i) => ({
    service: 'pay',
    body: `charge ${1000 + i} failed for card 4111 1111 1111 1111 user ada${i}@example.com from 203.0.113.${i} token Bearer abc.def.ghi${i}`,
    severity: 'ERROR' as const,
    timeMs: now - 30 * 60_000 + i * 1000,
    attributes: { 'http.url': 'https://admin:hunter2@pay.internal/charge', api_key: 'sk-live-abcdefghijklmnop' },
  }))
  logs.push({ service: 'pay', body: 'unrelated shape', severity: 'ERROR', timeMs: now - 1000, attributes: { 'http.url': '', api_key: '' } })
  await s.sendOtlp(otlpPayload(logs))
  const q = await s.api('/api/environments/1/logs/query', { body: { query: { serviceNames: ['pay'], searchTerm: 'charge 1011' } } })
  target = { uuid: q.body.results[0].uuid, timestamp: q.body.results[0].timestamp }
})
afterAll(async () => {
  await s?.stop()
  await ai?.close()
})

describe('POST logs/explainLogWithAI', () => {
  it('explains a log through the provider, with our context, and caches it', async () => {
    ai.reset()
    const r = await s.api(X, { body: target })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      uuid: target.uuid,
      timestamp: target.timestamp,
      force_refresh: false,
      ...FAKE_EXPLANATION,
      cached: false,
      model: FAKE_MODEL,
      generated_at: expect.any(String),
      similar: { count_1h: 12, first_seen: expect.any(String), last_seen: expect.any(String), pattern: expect.stringContaining('charge <num> failed') },
    })
    expect(ai.calls).toHaveLength(1)
    const again = await s.api(X, { body: target })
    expect(again.body).toMatchObject({ cached: true, generated_at: r.body.generated_at })
    expect(ai.calls).toHaveLength(1)
    const fresh = await s.api(X, { body: { ...target, force_refresh: true } })
    expect(fresh.body.cached).toBe(false)
    expect(ai.calls).toHaveLength(2)
  })

  it('never sends secrets or personal data to the provider', async () => {
    ai.reset()
    await s.api(X, { body: { ...target, force_refresh: true } })
    const sent = ai.calls.map((c) => c.body).join('\n')
    expect(sent.length).toBeGreaterThan(100)
    for (const secret of ['4111 1111 1111 1111', 'ada11@example.com', '203.0.113.11', 'abc.def.ghi11', 'hunter2', 'sk-live-abcdefghijklmnop']) {
      expect(sent).not.toContain(secret)
    }
    expect(sent).toContain('charge 1011 failed')
  })

  it('answers 404 for an unknown log or one outside ±1 s, and 400 for a bad request', async () => {
    const unknown = await s.api(X, { body: { uuid: crypto.randomUUID(), timestamp: target.timestamp } })
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('not_found')
    const far = await s.api(X, { body: { uuid: target.uuid, timestamp: new Date(Date.parse(target.timestamp) + 5000).toISOString() } })
    expect(far.status).toBe(404)
    const bad = await s.api(X, { body: { uuid: 'nope', timestamp: target.timestamp } })
    expect(bad.status).toBe(400)
    expect(bad.body.attr).toBe('uuid')
  })

  it('maps provider failures to 502 ai_provider_error', async () => {
    ai.script([{ kind: 'error', status: 500 }, { kind: 'error', status: 500 }])
    const r = await s.api(X, { body: { ...target, force_refresh: true } })
    expect(r.status).toBe(502)
    expect(r.body).toMatchObject({ type: 'server_error', code: 'ai_provider_error' })
    expect(JSON.stringify(r.body)).not.toContain('sk-provider-key-123')
  })
})

describe('explain without a provider', () => {
  it('answers 503 ai_not_configured naming the variables to set', async () => {
    const bare = await startTestServer()
    try {
      const r = await bare.api(X, { body: { uuid: crypto.randomUUID(), timestamp: new Date().toISOString() } })
      expect(r.status).toBe(503)
      expect(r.body.code).toBe('ai_not_configured')
      expect(r.body.detail).toMatch(/AI_BASE_URL/)
      expect(r.body.detail).toMatch(/AI_MODEL/)
    } finally {
      await bare.stop()
    }
  })
})
