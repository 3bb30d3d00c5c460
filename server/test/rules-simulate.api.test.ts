import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimulateResponse } from '../../src/contract/rules'
import type { LogRecord } from '../logs/record'
import { generateLogs } from '../rules/test-logs'
import { otlpPayload, startTestServer, type TestLog, type TestServer } from './support/server'

const R = '/api/environments/1/logs/sampling_rules'
const MIN = 60_000

const leaf = (type: string, key: string, operator: string, value?: unknown) => ({ type, key, operator, value })

/** One rule set with every rule type, scopes, always_keep, sampling and two rate limits. */
const RULES = [
  { name: 'health checks', rule_type: 'path_drop', config: { patterns: ['^/health$', '^/healthz$'], always_keep: { status_gte: 500 } } },
  { name: 'warn+error KB cap', rule_type: 'rate_limit', config: { kb_per_second: 1, burst_kb: 1, filter_group: { type: 'AND', values: [leaf('log', 'level', 'exact', ['warn', 'error'])] } } },
  {
    name: 'checkout levels',
    rule_type: 'severity_sampling',
    scope_service: 'checkout',
    config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.3 }, WARN: { type: 'sample', rate: 0.7 } }, always_keep: { latency_ms_gt: 2500 } },
  },
  {
    name: 'free-tier search noise',
    rule_type: 'path_drop',
    scope_attribute_filters: [{ key: 'tenant', op: 'eq', value: 'free' }],
    config: { patterns: ['^/api/v1/search'], filter_group: { type: 'AND', values: [leaf('log', 'message', 'icontains', 'cache')] } },
  },
  { name: 'search cap', rule_type: 'rate_limit', scope_service: 'search', config: { logs_per_second: 2, burst_logs: 4 } },
  {
    name: 'api sampling',
    rule_type: 'severity_sampling',
    scope_path_pattern: '^/api',
    config: { actions: { DEBUG: { type: 'sample', rate: 0.1 }, INFO: { type: 'sample', rate: 0.5 } }, always_keep: { attribute_predicates: [{ key: 'keep', op: 'exists' }] } },
  },
  { name: 'bots', rule_type: 'path_drop', config: { patterns: ['bot'], match_attribute_key: 'user_agent' } },
  { name: 'the rest', rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'sample', rate: 0.25 }, INFO: { type: 'sample', rate: 0.9 } }, always_keep: { status_gte: 404 } } },
]

async function createAll(s: TestServer, env = 1): Promise<string[]> {
  const ids: string[] = []
  for (const rule of RULES) {
    const r = await s.api(`/api/environments/${env}/logs/sampling_rules`, { body: { ...rule, enabled: true } })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    ids.push(r.body.id)
  }
  return ids
}

/**
 * Feeds records through the ingest pipeline (rules, batch writer) as if each millisecond's logs
 * arrived at that moment, so rate limits meter by the logs' own time, and tallies what the rules
 * decided per rule from the runtime's own outcome. The same records go to both servers: uuids are
 * minted when a payload is decoded, and a log without a trace is sampled by its uuid, so "the same
 * batch" has to be the same records.
 */
interface Dropped {
  logs: number
  bytes: number
  /** The seconds in which the rule dropped something (for a rate limit: its bucket ran dry). */
  seconds: Set<number>
}

async function replay(s: TestServer, records: LogRecord[]): Promise<Map<string, Dropped>> {
  const tally = new Map<string, Dropped>()
  const byMs = new Map<number, LogRecord[]>()
  for (const r of records) {
    const ms = Math.floor(r.timestampUs / 1000)
    byMs.set(ms, [...(byMs.get(ms) ?? []), r])
  }
  await Promise.all(
    [...byMs].map(async ([ms, batch]) => {
      const { drops } = await s.ctx.pipeline.ingest(1, batch, ms)
      for (const d of drops) {
        const t = tally.get(d.ruleId) ?? { logs: 0, bytes: 0, seconds: new Set() }
        t.logs += d.logs
        t.bytes += d.bytes
        t.seconds.add(Math.floor(ms / 1000))
        tally.set(d.ruleId, t)
      }
    }),
  )
  return tally
}

describe('simulate ≡ ingest', () => {
  let a: TestServer
  let b: TestServer
  beforeAll(async () => {
    ;[a, b] = await Promise.all([startTestServer(), startTestServer()])
  })
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
  })

  it('predicts exactly what ingestion drops per rule (rate limits within the stated tolerance)', async () => {
    // Half a second off the clock's seconds, so the generator's bursts straddle them: the harder case
    // for the rate-limit estimate, and the same every run.
    const startMs = Math.floor(Date.now() / MIN) * MIN - 40 * MIN + 500
    const logs = generateLogs({ count: 4000, startMs, spanMs: 5 * MIN, seed: 11 })

    // A: the batch stored without rules, then the rules enabled and each one simulated behind the rest.
    await replay(a, logs)
    const idsA = await createAll(a)
    const simulated: SimulateResponse[] = []
    for (const id of idsA) {
      const r = await a.api(`${R}/${id}/simulate`, { body: { date_from: '-1h' } })
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      expect(r.body.total_logs).toBe(logs.length)
      simulated.push(r.body)
    }

    // B: the same rules enabled first, then the same batch ingested.
    const idsB = await createAll(b)
    const dropped = await replay(b, logs)
    const stored = await b.ctx.db.one('SELECT count(*)::INTEGER AS n, coalesce(sum(bytes), 0)::DOUBLE AS bytes FROM logs')
    // What ingestion recorded per rule is what its rules decided.
    const impact = new Map((await b.api(R)).body.results.map((r: any) => [r.id, r.impact_24h]))
    for (const id of idsB) {
      const real = dropped.get(id)
      expect(impact.get(id)).toEqual({ dropped_logs: real?.logs ?? 0, dropped_bytes: real?.bytes ?? 0 })
    }
    const report = RULES.map((rule, i) => {
      const real = dropped.get(idsB[i]!) ?? { logs: 0, bytes: 0, seconds: new Set() }
      return `${rule.name}: simulated ${simulated[i].dropped_logs} of ${simulated[i].matched_logs} matched, ingest dropped ${real.logs} in ${real.seconds.size} s`
    }).join('\n')
    let droppedLogs = 0
    let droppedBytes = 0
    RULES.forEach((rule, i) => {
      const real = dropped.get(idsB[i]!) ?? { logs: 0, bytes: 0, seconds: new Set() }
      const sim = simulated[i]
      droppedLogs += real.logs
      droppedBytes += real.bytes
      expect(real.logs, report).toBeGreaterThan(0)
      if (rule.rule_type === 'rate_limit') {
        // The stated tolerance: up to one second's worth of the limit per second in which the bucket
        // ran dry (how much of a second's refill the logs could use depends on when in it they came).
        const config = rule.config as { logs_per_second?: number; kb_per_second?: number }
        const avgBytes = logs.reduce((n, l) => n + l.bytes, 0) / logs.length
        const perSecond = config.logs_per_second ?? Math.ceil((config.kb_per_second! * 1024) / avgBytes)
        expect(Math.abs(sim.dropped_logs! - real.logs), report).toBeLessThanOrEqual(real.seconds.size * perSecond)
      } else {
        expect(sim.dropped_logs, report).toBe(real.logs)
        expect(sim.dropped_bytes, report).toBe(real.bytes)
      }
    })
    expect(stored!.n).toBe(logs.length - droppedLogs)
    expect(stored!.bytes).toBe(logs.reduce((n, l) => n + l.bytes, 0) - droppedBytes)
  })
})

describe('POST sampling_rules/:id/simulate and sampling_rules/simulate', () => {
  let s: TestServer
  let base: string
  const t0 = Math.floor(Date.now() / MIN) * MIN - 20 * MIN
  beforeAll(async () => {
    s = await startTestServer()
    const env = await s.ctx.envs.create('simulate')
    base = `/api/environments/${env.id}/logs/sampling_rules`
    const logs: TestLog[] = []
    const add = (n: number, log: Omit<TestLog, 'timeMs' | 'body'>, at: (i: number) => number) => {
      for (let i = 0; i < n; i++) logs.push({ body: `log ${logs.length}`, timeMs: at(i), ...log })
    }
    add(10, { service: 'web', severity: 'INFO', attributes: { 'http.route': '/health' } }, (i) => t0 + i * 1000)
    add(10, { service: 'web', severity: 'INFO', attributes: { 'http.route': '/api/orders' } }, (i) => t0 + 10_000 + i * 1000)
    add(5, { service: 'web', severity: 'DEBUG', attributes: { 'http.route': '/api/orders' } }, (i) => t0 + 20_000 + i * 1000)
    add(5, { service: 'web', severity: 'ERROR', attributes: { 'http.route': '/api/orders', 'http.status_code': 500 } }, (i) => t0 + 25_000 + i * 1000)
    // Ten logs within 9 ms: a burst for the rate limit.
    add(10, { service: 'worker', severity: 'DEBUG' }, (i) => t0 + 10 * MIN + i)
    add(4, { severity: 'INFO' }, (i) => t0 + 5 * MIN + i * 1000)
    const r = await s.sendOtlp(otlpPayload(logs), { authorization: `Bearer ${env.projectToken}` })
    expect(r.status).toBe(200)
  })
  afterAll(async () => {
    await s?.stop()
  })

  const draft = (body: Record<string, unknown>) => s.api(`${base}/simulate`, { body })
  const create = async (body: Record<string, unknown>) => {
    const r = await s.api(base, { body })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body
  }
  const dropDebugAndInfoOnWeb = {
    rule_type: 'severity_sampling',
    scope_service: 'web',
    config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0 } }, always_keep: { status_gte: 500 } },
  }

  it('estimates a path drop over the last 24 h with totals, per service and a before/after series', async () => {
    const r = await draft({ rule_type: 'path_drop', config: { patterns: ['^/health$'] } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ total_logs: 44, matched_logs: 44, dropped_logs: 10, estimated_reduction_pct: 22.73 })
    expect(r.body.dropped_bytes).toBeGreaterThan(0)
    expect(Date.parse(r.body.window.date_to) - Date.parse(r.body.window.date_from)).toBe(24 * 60 * MIN)
    expect(r.body.by_service).toEqual([
      { service_name: 'web', log_count: 30, dropped_logs: 10, reduction_pct: 33.33 },
      { service_name: 'worker', log_count: 10, dropped_logs: 0, reduction_pct: 0 },
      { service_name: '(no service)', log_count: 4, dropped_logs: 0, reduction_pct: 0 },
    ])
    // -24h → 30-minute buckets, aligned in UTC.
    for (const p of r.body.series) expect(Date.parse(p.time) % (30 * MIN)).toBe(0)
    expect(r.body.series.reduce((n: number, p: any) => n + p.before, 0)).toBe(44)
    expect(r.body.series.reduce((n: number, p: any) => n + p.after, 0)).toBe(34)
    expect(r.body.notes).toContain('stored')
  })

  it('estimates severity sampling with always_keep, and a draft sees only the enabled rules ahead of its position', async () => {
    const alone = await draft(dropDebugAndInfoOnWeb)
    expect(alone.body).toMatchObject({ matched_logs: 30, dropped_logs: 25 })
    expect(alone.body.notes).toContain('same per-trace hash')
    const health = await create({ name: 'health', enabled: true, rule_type: 'path_drop', config: { patterns: ['^/health$'] } })
    await create({ name: 'disabled drop-all', enabled: false, rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'drop' }, ERROR: { type: 'drop' } } } })
    const behind = await draft(dropDebugAndInfoOnWeb)
    expect(behind.body).toMatchObject({ matched_logs: 20, dropped_logs: 15 })
    expect(behind.body.notes).toContain('after 1 enabled rule')
    expect((await draft({ ...dropDebugAndInfoOnWeb, position: 0 })).body).toMatchObject({ matched_logs: 30, dropped_logs: 25 })
    expect((await draft({ ...dropDebugAndInfoOnWeb, position: 1 })).body).toMatchObject({ matched_logs: 20, dropped_logs: 15 })
    await s.api(`${base}/${health.id}`, { method: 'DELETE' })
  })

  it('simulates a saved rule behind the enabled rules before it, and says when it is already enforced', async () => {
    const list = (await s.api(base)).body.results
    for (const r of list) await s.api(`${base}/${r.id}`, { method: 'DELETE' })
    const health = await create({ name: 'health', enabled: true, rule_type: 'path_drop', config: { patterns: ['^/health$'] } })
    const web = await create({ name: 'web levels', ...dropDebugAndInfoOnWeb })
    const after = await create({ name: 'after', enabled: true, rule_type: 'path_drop', config: { patterns: ['^/api'] } })
    const r = await s.api(`${base}/${web.id}/simulate`, { method: 'POST' })
    expect(r.body).toMatchObject({ matched_logs: 20, dropped_logs: 15, estimated_reduction_pct: 34.09 })
    expect(r.body.notes).not.toContain('already missing')
    const first = await s.api(`${base}/${health.id}/simulate/`, { body: {} })
    expect(first.body).toMatchObject({ dropped_logs: 10 })
    expect(first.body.notes).toContain('already missing from the store (0 logs in the last 24 hours')
    const last = await s.api(`${base}/${after.id}/simulate`, { body: { date_from: '-1h' } })
    expect(last.body).toMatchObject({ matched_logs: 34, dropped_logs: 20 })
    expect(Date.parse(last.body.window.date_to) - Date.parse(last.body.window.date_from)).toBe(60 * MIN)
  })

  it('estimates a rate limit from per-second counts and says how', async () => {
    const r = await draft({ rule_type: 'rate_limit', scope_service: 'worker', config: { logs_per_second: 1, burst_logs: 1 }, position: 0 })
    expect(r.body).toMatchObject({ matched_logs: 10, dropped_logs: 9 })
    expect(r.body.notes).toContain('per-second counts')
    const generous = await draft({ rule_type: 'rate_limit', scope_service: 'worker', config: { logs_per_second: 10 }, position: 0 })
    expect(generous.body).toMatchObject({ matched_logs: 10, dropped_logs: 0 })
  })

  it('answers a window without logs with zeros and says so', async () => {
    const r = await draft({ rule_type: 'path_drop', config: { patterns: ['.'] }, date_from: '2020-01-01T00:00:00Z', date_to: '2020-01-02T00:00:00Z' })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      estimated_reduction_pct: 0,
      notes: expect.stringContaining('No logs are stored between 2020-01-01T00:00:00.000Z and 2020-01-02T00:00:00.000Z'),
      window: { date_from: '2020-01-01T00:00:00.000Z', date_to: '2020-01-02T00:00:00.000Z' },
      total_logs: 0,
      matched_logs: 0,
      dropped_logs: 0,
      dropped_bytes: 0,
      by_service: [],
      series: [],
    })
    const nothing = await draft({ rule_type: 'path_drop', config: { patterns: ['^/never$'] } })
    expect(nothing.body).toMatchObject({ total_logs: 44, dropped_logs: 0, estimated_reduction_pct: 0 })
    const noScope = await draft({ rule_type: 'path_drop', scope_service: 'nobody', config: { patterns: ['.'] }, position: 0 })
    expect(noScope.body.matched_logs).toBe(0)
    expect(noScope.body.notes).toContain("No stored log in the window reaches this rule's scope")
  })

  it('validates the draft and the window, and 404s rules it cannot see', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ config: { patterns: ['x'] } }, 'rule_type', 'required'],
      [{ rule_type: 'path_drop', config: { patterns: ['('] } }, 'config__patterns__0', 'invalid_input'],
      [{ rule_type: 'path_drop', config: { patterns: ['x'] }, position: -1 }, 'position', 'min_value'],
      [{ rule_type: 'path_drop', config: { patterns: ['x'] }, date_from: 'yesterday' }, 'date_from', 'invalid_input'],
      [{ rule_type: 'path_drop', config: { patterns: ['x'] }, date_from: '-1h', date_to: '-2h' }, 'date_from', 'invalid_input'],
    ]
    for (const [body, attr, code] of cases) {
      const r = await draft(body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body, JSON.stringify(body)).toMatchObject({ type: 'validation_error', attr, code })
    }
    const saved = await create({ name: 'mine', rule_type: 'path_drop', config: { patterns: ['x'] } })
    expect((await s.api(`${base}/${saved.id}/simulate`, { body: { date_to: 'soon' } })).body.attr).toBe('date_to')
    expect((await s.api(`/api/environments/1/logs/sampling_rules/${saved.id}/simulate`, { method: 'POST' })).status).toBe(404)
    expect((await s.api(`${base}/00000000-0000-4000-8000-000000000000/simulate`, { method: 'POST' })).status).toBe(404)
    expect((await s.api(`${base}/not-a-uuid/simulate`, { method: 'POST' })).status).toBe(404)
  })
})
