import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { explainResponseSchema, type ExplainRequest, type SimilarLogs } from '../../src/contract/explain'
import type { LogRow } from '../../src/contract/logs'
import { ApiError } from '../http/errors'
import { FAKE_EXPLANATION, startFakeOpenAI, type FakeOpenAI } from '../test/support/fake-openai'
import { loadAiConfig } from './config'
import { CACHE_MAX_ENTRIES, CACHE_TTL_MS, createExplainService } from './explain-service'

let ai: FakeOpenAI
beforeAll(async () => {
  ai = await startFakeOpenAI()
})
afterAll(async () => {
  await ai.close()
})
beforeEach(() => ai.reset())

const ENV = 1
const T0 = Date.parse('2026-01-31T12:00:00.000Z')

function makeLog(n: number, patch: Partial<LogRow> = {}): LogRow {
  return {
    uuid: `0191e0c5-7f3a-7b2c-9d4e-${String(n).padStart(12, '0')}`,
    timestamp: '2026-01-31T11:59:30.250Z',
    observed_timestamp: null,
    severity_text: 'ERROR',
    severity_number: 17,
    level: 'error',
    service_name: 'checkout',
    body: `payment ${n} timed out`,
    attributes: { 'http.status_code': '504' },
    resource_attributes: { 'service.version': '1.4.2' },
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    span_id: '00f067aa0ba902b7',
    event_name: '',
    ...patch,
  }
}

const SIMILAR: SimilarLogs = { pattern: 'payment <num> timed out', count_1h: 7, first_seen: '2026-01-31T11:10:00.000Z', last_seen: '2026-01-31T11:59:30.250Z' }

/** A service over an in-memory set of logs (per environment), talking to the fake provider. */
function setup(opts: { env?: Record<string, string>; logs?: LogRow[]; similar?: SimilarLogs } = {}) {
  let now = T0
  const logs = opts.logs ?? Array.from({ length: 40 }, (_, i) => makeLog(i))
  const lookups: { envId: number; uuid: string; timestampMs: number }[] = []
  const service = createExplainService({
    config: loadAiConfig({ AI_BASE_URL: ai.url, AI_MODEL: 'test-model', AI_TIMEOUT_MS: '3000', ...opts.env }),
    async findLog(envId, uuid, timestampMs) {
      lookups.push({ envId, uuid, timestampMs })
      return logs.find((l) => l.uuid === uuid && Math.abs(Date.parse(l.timestamp) - timestampMs) <= 1000) ?? null
    },
    async similar() {
      return opts.similar ?? SIMILAR
    },
    now: () => now,
  })
  return {
    service,
    lookups,
    advance(ms: number) {
      now += ms
    },
    request: (n: number, patch: Partial<ExplainRequest> = {}): ExplainRequest => ({ uuid: logs[n]!.uuid, timestamp: logs[n]!.timestamp, ...patch }),
  }
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('explain service', () => {
  it('explains a log: request echo, explanation, and our fields, in the contract shape', async () => {
    const { service, request, lookups } = setup()
    const response = await service.explain(ENV, request(3))
    expect(explainResponseSchema.parse(response)).toEqual(response)
    expect(response).toEqual({
      uuid: request(3).uuid,
      timestamp: '2026-01-31T11:59:30.250Z',
      force_refresh: false,
      ...FAKE_EXPLANATION,
      cached: false,
      generated_at: new Date(T0).toISOString(),
      model: 'test-model',
      similar: SIMILAR,
    })
    expect(lookups).toEqual([{ envId: ENV, uuid: request(3).uuid, timestampMs: Date.parse('2026-01-31T11:59:30.250Z') }])
    expect(ai.calls).toHaveLength(1)
    const prompt = ai.calls[0]!.body
    expect(prompt).toContain('payment 3 timed out')
    expect(prompt).toContain('during the last hour: 7')
  })

  it('serves a second request from the cache without calling the provider', async () => {
    const { service, request, advance } = setup()
    const first = await service.explain(ENV, request(1))
    advance(10 * 60_000)
    const second = await service.explain(ENV, request(1))
    expect(second).toEqual({ ...first, cached: true })
    expect(second.generated_at).toBe(first.generated_at)
    expect(ai.calls).toHaveLength(1)
  })

  it('finds the cached copy by the stored log, so a timestamp a little off still hits it', async () => {
    const { service, request } = setup()
    await service.explain(ENV, request(1))
    const shifted = await service.explain(ENV, request(1, { timestamp: '2026-01-31T11:59:30.900Z' }))
    expect(shifted).toMatchObject({ cached: true, timestamp: '2026-01-31T11:59:30.900Z' })
    expect(ai.calls).toHaveLength(1)
  })

  it('keeps explanations for an hour, not longer', async () => {
    const { service, request, advance } = setup()
    await service.explain(ENV, request(1))
    advance(CACHE_TTL_MS - 1)
    expect((await service.explain(ENV, request(1))).cached).toBe(true)
    advance(1)
    expect((await service.explain(ENV, request(1))).cached).toBe(false)
    expect(ai.calls).toHaveLength(2)
  })

  it('keeps at most CACHE_MAX_ENTRIES explanations, dropping the least recently used', async () => {
    const logs = Array.from({ length: CACHE_MAX_ENTRIES + 1 }, (_, i) => makeLog(i))
    const { service, request } = setup({ logs, env: { AI_RATE_LIMIT_PER_MIN: '100000' } })
    for (let i = 0; i <= CACHE_MAX_ENTRIES; i++) await service.explain(ENV, request(i))
    expect(ai.calls).toHaveLength(CACHE_MAX_ENTRIES + 1)
    expect((await service.explain(ENV, request(CACHE_MAX_ENTRIES))).cached).toBe(true)
    expect((await service.explain(ENV, request(0))).cached).toBe(false)
  })

  it('keeps environments apart in the cache', async () => {
    const { service, request } = setup()
    await service.explain(1, request(1))
    expect((await service.explain(2, request(1))).cached).toBe(false)
    expect(ai.calls).toHaveLength(2)
  })

  it('force_refresh calls the provider again and replaces the cached copy', async () => {
    const { service, request, advance } = setup()
    await service.explain(ENV, request(1))
    advance(5_000)
    ai.script({ kind: 'valid', explanation: { ...FAKE_EXPLANATION, headline: 'A fresher look at the same timeout' } })
    const refreshed = await service.explain(ENV, request(1, { force_refresh: true }))
    expect(refreshed).toMatchObject({ cached: false, force_refresh: true, headline: 'A fresher look at the same timeout' })
    expect(refreshed.generated_at).toBe(new Date(T0 + 5_000).toISOString())
    expect(ai.calls).toHaveLength(2)

    const after = await service.explain(ENV, request(1))
    expect(after).toMatchObject({ cached: true, headline: 'A fresher look at the same timeout', generated_at: refreshed.generated_at })
    expect(ai.calls).toHaveLength(2)
  })

  it('keeps the cached copy when a refresh fails', async () => {
    const { service, request } = setup()
    await service.explain(ENV, request(1))
    ai.script({ kind: 'error', status: 500 })
    expect((await rejection(service.explain(ENV, request(1, { force_refresh: true })))).status).toBe(502)
    expect(await service.explain(ENV, request(1))).toMatchObject({ cached: true, headline: FAKE_EXPLANATION.headline })
  })

  it('answers 502 when the provider does not answer in time', async () => {
    const { service, request } = setup({ env: { AI_TIMEOUT_MS: '250' } })
    ai.script({ kind: 'slow', delayMs: 5_000 })
    const started = performance.now()
    const error = await rejection(service.explain(ENV, request(1)))
    expect(error.status).toBe(502)
    expect(error.body()).toEqual({ type: 'server_error', code: 'ai_provider_error', detail: 'The AI provider did not answer within 0.25 s.', attr: null })
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('answers 502 when the provider fails, and caches nothing', async () => {
    const { service, request } = setup()
    ai.script({ kind: 'error', status: 500, message: 'model crashed' })
    const error = await rejection(service.explain(ENV, request(1)))
    expect(error.status).toBe(502)
    expect(error.code).toBe('ai_provider_error')
    expect(error.message).toContain('HTTP 500')
    expect((await service.explain(ENV, request(1))).cached).toBe(false)
    expect(ai.calls).toHaveLength(2)
  })

  it('retries a malformed answer once, then answers 502', async () => {
    const { service, request } = setup()
    ai.script([
      { kind: 'content', content: '{"headline": "Payment' },
      { kind: 'content', content: 'Sorry, here is prose instead of JSON.' },
    ])
    const error = await rejection(service.explain(ENV, request(1)))
    expect(error.status).toBe(502)
    expect(error.code).toBe('ai_provider_error')
    expect(error.message).toMatch(/not a valid explanation/)
    expect(ai.calls).toHaveLength(2)
  })

  it('succeeds when the retry of a malformed answer is valid', async () => {
    const { service, request } = setup()
    ai.script([{ kind: 'content', content: 'not json at all' }, { kind: 'valid' }])
    await expect(service.explain(ENV, request(1))).resolves.toMatchObject({ cached: false, headline: FAKE_EXPLANATION.headline })
    expect(ai.calls).toHaveLength(2)
  })

  it('answers 503 naming the variables to set when no provider is configured, before looking the log up', async () => {
    const { service, request, lookups } = setup({ env: { AI_BASE_URL: '', AI_MODEL: '' } })
    const error = await rejection(service.explain(ENV, request(1, { uuid: '00000000-0000-0000-0000-000000000000' })))
    expect(error.status).toBe(503)
    expect(error.code).toBe('ai_not_configured')
    for (const name of ['AI_BASE_URL', 'AI_MODEL', 'AI_API_KEY']) expect(error.message).toContain(name)
    expect(lookups).toEqual([])
    expect(ai.calls).toEqual([])
  })

  it('answers 404 for a log that does not exist within 1 s, without calling the provider', async () => {
    const { service, request } = setup()
    const missing = await rejection(service.explain(ENV, request(1, { uuid: '0191e0c5-7f3a-7b2c-9d4e-999999999999' })))
    expect(missing.status).toBe(404)
    expect(missing.body()).toEqual({
      type: 'invalid_request',
      code: 'not_found',
      detail: 'No log with uuid 0191e0c5-7f3a-7b2c-9d4e-999999999999 within 1 s of 2026-01-31T11:59:30.250Z.',
      attr: null,
    })
    const tooFar = await rejection(service.explain(ENV, request(1, { timestamp: '2026-01-31T11:59:31.500Z' })))
    expect(tooFar.status).toBe(404)
    expect(ai.calls).toEqual([])
  })

  it.each([
    [{ uuid: 'not-a-uuid', timestamp: '2026-01-31T11:59:30Z' }, 'uuid'],
    [{ uuid: '0191e0c5-7f3a-7b2c-9d4e-000000000001', timestamp: 'yesterday' }, 'timestamp'],
    [{ timestamp: '2026-01-31T11:59:30Z' }, 'uuid'],
    [{ uuid: '0191e0c5-7f3a-7b2c-9d4e-000000000001', timestamp: '2026-01-31T11:59:30Z', force_refresh: 'yes' }, 'force_refresh'],
  ])('answers 400 for %j', async (body, attr) => {
    const { service } = setup()
    const error = await rejection(service.explain(ENV, body as ExplainRequest))
    expect(error.status).toBe(400)
    expect(error.attr).toBe(attr)
  })

  it('never sends a secret from the log to the provider', async () => {
    const secrets = {
      bearer: 'eyJhbGciOiJIUzI1NiJ9payload0123',
      skKey: 'sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3',
      email: 'jane.doe@example.com',
      card: '4111 1111 1111 1111',
      cardCompact: '4111111111111111',
      ip: '203.0.113.77',
      urlPassword: 'hunter2-pw',
      attrPassword: 'correct horse battery staple',
      resourceToken: 'phx_abcdefghijklmnopqrstuvwxyz012345',
    }
    const log = makeLog(1, {
      body:
        `POST https://api.pay.example/charge failed for ${secrets.email} from ${secrets.ip} with ` +
        `Authorization: Bearer ${secrets.bearer}, key ${secrets.skKey}, card ${secrets.card}; ` +
        `db postgres://svc:${secrets.urlPassword}@db.internal:5432/pay`,
      attributes: {
        'user.email': secrets.email,
        'client.address': secrets.ip,
        'payment.card': secrets.cardCompact,
        'db.password': secrets.attrPassword,
        'http.request.header.authorization': `Bearer ${secrets.bearer}`,
      },
      resource_attributes: { 'posthog.api_token': secrets.resourceToken, 'host.ip': secrets.ip },
    })
    const { service, request } = setup({
      logs: [log],
      similar: { ...SIMILAR, pattern: `charge failed for ${secrets.email} key ${secrets.skKey}` },
    })
    const response = await service.explain(ENV, request(0))
    expect(response.similar.pattern).toContain(secrets.email) // the browser gets what the store computed

    expect(ai.calls).toHaveLength(1)
    const sent = ai.calls.map((c) => c.body).join('\n')
    for (const [name, secret] of Object.entries(secrets)) expect(sent, name).not.toContain(secret)
    for (const marker of ['[REDACTED_EMAIL]', '[REDACTED_IP]', '[REDACTED_TOKEN]', '[REDACTED_API_KEY]', '[REDACTED_CARD]', '[REDACTED_PASSWORD]', '[REDACTED_SECRET]']) {
      expect(sent).toContain(marker)
    }
    expect(sent).toContain('db.internal') // what is not secret still reaches the model
  })

  it('limits provider calls per environment and minute with a 429 and Retry-After; cache hits are free', async () => {
    const { service, request, advance } = setup()
    for (let i = 0; i < 30; i++) {
      await service.explain(ENV, request(i))
      await expect(service.explain(ENV, request(i))).resolves.toMatchObject({ cached: true }) // not counted
      advance(1_000)
    }
    const error = await rejection(service.explain(ENV, request(30)))
    expect(error.status).toBe(429)
    expect(error.body()).toMatchObject({ type: 'throttled_error', code: 'throttled' })
    // The oldest call (t = 0 s) leaves the window at t = 60 s; it is t = 30 s now.
    expect(error.headers).toEqual({ 'retry-after': '30' })
    expect(error.message).toContain('30 per minute')
    expect(ai.calls).toHaveLength(30)

    await expect(service.explain(ENV, request(5))).resolves.toMatchObject({ cached: true })
    await expect(service.explain(2, request(30))).resolves.toMatchObject({ cached: false }) // another environment

    advance(30_000)
    await expect(service.explain(ENV, request(30))).resolves.toMatchObject({ cached: false })
  })

  it('reads the limit from AI_RATE_LIMIT_PER_MIN and counts forced refreshes', async () => {
    const { service, request } = setup({ env: { AI_RATE_LIMIT_PER_MIN: '2' } })
    await service.explain(ENV, request(1))
    await service.explain(ENV, request(1, { force_refresh: true }))
    const error = await rejection(service.explain(ENV, request(1, { force_refresh: true })))
    expect(error.status).toBe(429)
    expect(error.headers['retry-after']).toBe('60')
  })

  it('shares one provider call among concurrent identical requests', async () => {
    const { service, request } = setup()
    ai.script({ kind: 'slow', delayMs: 150 })
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => service.explain(ENV, request(1, { force_refresh: i % 2 === 0 }))))
    expect(ai.calls).toHaveLength(1)
    expect(new Set(responses.map((r) => r.generated_at)).size).toBe(1)
    for (const r of responses) expect(r).toMatchObject({ cached: false, headline: FAKE_EXPLANATION.headline })
    await expect(service.explain(ENV, request(1))).resolves.toMatchObject({ cached: true })
  })

  it('shares a failure among concurrent identical requests too, and the next request tries again', async () => {
    const { service, request } = setup()
    ai.script({ kind: 'slow', delayMs: 100, then: { kind: 'error', status: 503 } })
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => service.explain(ENV, request(1))))
    expect(results.every((r) => r.status === 'rejected' && (r.reason as ApiError).status === 502)).toBe(true)
    expect(ai.calls).toHaveLength(1)
    await expect(service.explain(ENV, request(1))).resolves.toMatchObject({ cached: false })
    expect(ai.calls).toHaveLength(2)
  })
})
