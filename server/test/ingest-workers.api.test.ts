import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, otlpPayload, type TestLog, type TestServer } from './support/server'

/**
 * OTLP payloads are decoded, decided by the rules and packed on worker threads
 * (server/ingest/decode-pool.ts). What a client sees must not depend on which worker took its
 * payload or when it finished: the rule set current when a payload arrives decides it, rate limits
 * draw from one bucket whichever worker evaluates, payloads are stored in the order they came, and
 * a worker that dies fails only what it held.
 */

const R = '/api/environments/1/logs/sampling_rules'

let s: TestServer | null = null
afterEach(async () => {
  await s?.stop()
  s = null
})

const twoWorkers = () => startTestServer({}, undefined, { pipeline: { decodeWorkers: 2 } })

/** `n` logs of one service whose bodies start with `tag`, a second apart from `fromMs`. */
function logs(tag: string, n: number, attributes: TestLog['attributes'] = {}, fromMs = Date.now() - 60_000): TestLog[] {
  return Array.from({ length: n }, (_, i) => ({ service: 'api', body: `${tag} ${i}`, timeMs: fromMs + i, attributes }))
}

async function stored(server: TestServer, where = 'true'): Promise<number> {
  const row = await server.ctx.db.one(`SELECT count(*)::INTEGER AS n FROM logs WHERE ${where}`)
  return row!.n as number
}

async function createRule(server: TestServer, rule: Record<string, unknown>): Promise<string> {
  const r = await server.api(R, { body: { enabled: true, ...rule } })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.id
}

describe('decoding workers', () => {
  it('decide each payload by the rule set current when it arrives, on every worker, and tag what they keep', async () => {
    s = await twoWorkers()
    const send = (tag: string) => s!.sendOtlp(otlpPayload([...logs(`${tag} health`, 30, { 'http.route': '/health' }), ...logs(`${tag} orders`, 30, { 'http.route': '/orders' })]))
    const before = await Promise.all(Array.from({ length: 8 }, (_, i) => send(`before${i}`)))
    expect(before.map((r) => r.status)).toEqual(Array(8).fill(200))

    const id = await createRule(s, { name: 'health', rule_type: 'path_drop', config: { patterns: ['^/health$'] } })
    const under = await Promise.all(Array.from({ length: 8 }, (_, i) => send(`under${i}`)))
    expect(under.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(s.ctx.pipeline.decodeWorkers).toBe(2)
    expect(await stored(s, `body LIKE 'under% health%'`)).toBe(0)
    expect(await stored(s, `body LIKE 'under% orders%'`)).toBe(8 * 30)
    // Kept under the set: tagged with it, resolved by no rule (the rule matched none of them).
    expect(await s.ctx.db.all(`SELECT DISTINCT rule_set > 0 AS tagged, resolver FROM logs WHERE body LIKE 'under%'`)).toEqual([{ tagged: true, resolver: 65535 }])
    expect((await s.api(R)).body.results[0].impact_24h).toEqual({ dropped_logs: 8 * 30, dropped_bytes: expect.any(Number) })

    expect((await s.api(`${R}/${id}`, { method: 'PATCH', body: { enabled: false } })).status).toBe(200)
    const after = await Promise.all(Array.from({ length: 8 }, (_, i) => send(`after${i}`)))
    expect(after.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(await stored(s, `body LIKE 'after% health%'`)).toBe(8 * 30)
    expect(await stored(s, `body LIKE 'before%'`)).toBe(8 * 60)
  })

  it('draw from one rate-limit bucket per rule, whichever worker evaluates', async () => {
    s = await twoWorkers()
    await createRule(s, { name: 'cap', rule_type: 'rate_limit', config: { logs_per_second: 1, burst_logs: 100 } })
    const started = Date.now()
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => s!.sendOtlp(otlpPayload(logs(`capped${i}`, 40)))))
    const seconds = (Date.now() - started) / 1000
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(200))
    expect(s.ctx.pipeline.decodeWorkers).toBe(2)
    // A bucket per worker would let up to 200 through.
    const kept = await stored(s)
    expect(kept).toBeGreaterThanOrEqual(100)
    expect(kept).toBeLessThanOrEqual(100 + Math.ceil(seconds))
  })

  it('store payloads in the order they arrived, whichever worker finishes first', async () => {
    s = await twoWorkers()
    // Both workers running, so the small payload is decoded beside the large one.
    await Promise.all([s.sendOtlp(otlpPayload(logs('warm a', 2000))), s.sendOtlp(otlpPayload(logs('warm b', 2000)))])
    expect(s.ctx.pipeline.decodeWorkers).toBe(2)
    // Handed to the pipeline one after the other (as the route does when each request's body is in).
    const json = (payload: unknown) => Buffer.from(JSON.stringify(payload))
    const large = s.ctx.pipeline.ingestPayload(1, json(otlpPayload(logs('large', 20_000))), 'json')
    const small = s.ctx.pipeline.ingestPayload(1, json(otlpPayload(logs('small', 3))), 'json')
    expect(await small).toMatchObject({ accepted: 3 })
    expect(await large).toMatchObject({ accepted: 20_000 })
    const order = await s.ctx.db.one(`SELECT max(rowid) FILTER (body LIKE 'large%') AS last_large, min(rowid) FILTER (body LIKE 'small%') AS first_small FROM logs`)
    expect(order!.last_large).toBeLessThan(order!.first_small as number)
  })

  it('fail only the payloads a worker held when it dies; the next payload gets a fresh worker', async () => {
    s = await startTestServer({}, undefined, { pipeline: { decodeWorkers: 1 } })
    expect((await s.sendOtlp(otlpPayload(logs('first', 10)))).status).toBe(200)
    // The pool's one worker, stopped while it decodes a large payload.
    const threads = (s.ctx.pipeline as unknown as { pool: { threads: { worker: { terminate(): Promise<number> } }[] } }).pool.threads
    const doomed = s.sendOtlp(otlpPayload(logs('doomed', 30_000)))
    while (s.ctx.pipeline.decodeWorkers === 1 && (s.ctx.pipeline as unknown as { decoding: number }).decoding === 0) await new Promise((r) => setTimeout(r, 1))
    await threads[0]!.worker.terminate()
    const lost = await doomed
    expect(lost.status).toBe(500)
    expect(lost.body).toMatchObject({ type: 'server_error' })
    expect((await s.sendOtlp(otlpPayload(logs('next', 10)))).status).toBe(200)
    expect(await stored(s, `body LIKE 'doomed%'`)).toBe(0)
    expect(await stored(s)).toBe(20)
  })

  it('give back what a rate limit drew for the first slices of a payload that then turns out malformed', async () => {
    s = await twoWorkers()
    // A burst of 1,000 that refills at 1 log/s: what a payload draws stays drawn for the test's length.
    await createRule(s, { name: 'cap', rule_type: 'rate_limit', scope_service: 'api', config: { logs_per_second: 1, burst_logs: 1000 } })
    // 900 good logs (decided in slices as they are decoded), then one with an impossible severity number.
    const bad = otlpPayload([...logs('doomed', 900), { service: 'api', body: 'bad', timeMs: Date.now(), severityNumber: 99 }])
    const r = await s.sendOtlp(bad)
    expect(r.status).toBe(400)
    expect(JSON.stringify(r.body)).toContain('severity number')
    expect(await stored(s)).toBe(0)
    // The whole burst is still there: without the 900 given back, only ~100 of these would be kept.
    expect((await s.sendOtlp(otlpPayload(logs('kept', 1000)))).status).toBe(200)
    expect(await stored(s, `body LIKE 'kept%'`)).toBe(1000)
    expect((await s.sendOtlp(otlpPayload(logs('over', 10)))).status).toBe(200)
    expect(await stored(s, `body LIKE 'over%'`)).toBeLessThanOrEqual(2)
  })
})
