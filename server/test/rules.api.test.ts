import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Environment } from '../store/environments'
import { createKey } from '../store/keys'
import { otlpPayload, startTestServer, type TestLog, type TestServer } from './support/server'

const MIN = 60_000
let s: TestServer

beforeAll(async () => {
  s = await startTestServer()
})
afterAll(async () => {
  await s?.stop()
})

/** Each test gets its own environment: rule lists, priorities and warnings stay independent. */
async function freshEnv(name: string) {
  const env = await s.ctx.envs.create(name)
  const base = `/api/environments/${env.id}/logs`
  return {
    env,
    R: `${base}/sampling_rules`,
    base,
    create: async (body: Record<string, unknown>) => {
      const r = await s.api(`${base}/sampling_rules`, { body })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body
    },
    ingest: async (logs: TestLog[]) => {
      const r = await s.sendOtlp(otlpPayload(logs), { authorization: `Bearer ${env.projectToken}` })
      expect(r.status).toBe(200)
    },
  }
}

const severityRule = {
  name: 'Quiet debug',
  rule_type: 'severity_sampling',
  config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.1 } } },
}
const healthRule = { name: 'Health checks', rule_type: 'path_drop', config: { patterns: ['^/health'] } }
const capRule = { name: 'Cap', rule_type: 'rate_limit', config: { logs_per_second: 500 } }

const storedCount = async (env: Environment) =>
  ((await s.ctx.db.one(`SELECT count(*)::INTEGER AS n FROM logs WHERE env_id = ${env.id}`))!.n as number)

describe('sampling rules CRUD', () => {
  it('creates, retrieves, patches, replaces and deletes a rule, bumping the version on each write', async () => {
    const { R, create } = await freshEnv('crud')
    const created = await create({ ...severityRule, scope_service: 'checkout', id: 'ignored', version: 42, created_by: 99 })
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Quiet debug',
      enabled: false,
      priority: 0,
      rule_type: 'severity_sampling',
      scope_service: 'checkout',
      scope_path_pattern: null,
      scope_attribute_filters: [],
      config: severityRule.config,
      version: 1,
      created_by: 1,
      created_at: expect.stringMatching(/Z$/),
      updated_at: created.created_at,
      impact_24h: { dropped_logs: 0, dropped_bytes: 0 },
      summary_string: 'Drops DEBUG, keeps 10 % of INFO · service checkout',
      warnings: expect.any(Array),
    })
    expect((await s.api(`${R}/${created.id}/`)).body).toEqual(created)

    const patched = await s.api(`${R}/${created.id}`, { method: 'PATCH', body: { enabled: true, version: 1 } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ enabled: true, name: 'Quiet debug', scope_service: 'checkout', config: severityRule.config, version: 2 })
    expect(Date.parse(patched.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at))

    const put = await s.api(`${R}/${created.id}`, { method: 'PUT', body: { ...healthRule, version: 2 } })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ ...healthRule, enabled: false, scope_service: null, priority: 0, version: 3, summary_string: 'Drops paths matching ^/health' })
    expect(put.body.created_at).toBe(created.created_at)

    // Without a version the write goes through (PostHog behaviour).
    const blind = await s.api(`${R}/${created.id}`, { method: 'PATCH', body: { name: 'Renamed' } })
    expect(blind.body).toMatchObject({ name: 'Renamed', version: 4 })

    expect((await s.api(`${R}/${created.id}`, { method: 'DELETE' })).status).toBe(204)
    for (const method of ['GET', 'PATCH', 'PUT', 'DELETE']) {
      const r = await s.api(`${R}/${created.id}`, { method, ...(method === 'PATCH' || method === 'PUT' ? { body: healthRule } : {}) })
      expect(r.status, method).toBe(404)
      expect(r.body).toMatchObject({ type: 'invalid_request', code: 'not_found', attr: null })
    }
    expect((await s.api(`${R}/not-a-uuid`)).status).toBe(404)
  })

  it('serves the same rules under /api/projects/ and answers 405 for methods a path does not take', async () => {
    const { env, R, create } = await freshEnv('prefixes')
    const rule = await create(healthRule)
    const viaProject = await s.api(`/api/projects/${env.id}/logs/sampling_rules/${rule.id}`)
    expect(viaProject.body.id).toBe(rule.id)
    const wrong = await s.api(`${R}/reorder`, { method: 'GET' })
    expect(wrong.status).toBe(405)
    expect(wrong.body.code).toBe('method_not_allowed')
  })

  it('lists every rule (disabled too) by priority then creation, paginated, putting a rule without priority last', async () => {
    const { R, create } = await freshEnv('list')
    const a = await create({ ...healthRule, name: 'a' })
    const b = await create({ ...severityRule, name: 'b', enabled: true })
    const c = await create({ ...capRule, name: 'c', priority: 1 })
    const d = await create({ ...healthRule, name: 'd', priority: 0 })
    const e = await create({ ...healthRule, name: 'e' })
    expect([a, b, c, d, e].map((r) => r.priority)).toEqual([0, 1, 1, 0, 2])
    const all = await s.api(R)
    expect(all.body.count).toBe(5)
    expect(all.body.results.map((r: any) => r.name)).toEqual(['a', 'd', 'b', 'c', 'e'])
    const page = await s.api(`${R}?limit=2&offset=2`)
    expect(page.body.results.map((r: any) => r.name)).toEqual(['b', 'c'])
    expect(page.body.next).toMatch(/sampling_rules\?limit=2&offset=4$/)
    expect(page.body.previous).toMatch(/sampling_rules\?limit=2$/)
    expect((await s.api(`${R}?limit=1001`)).body).toMatchObject({ attr: 'limit' })
  })
})

describe('validation', () => {
  const deep = () => {
    const root: any = { type: 'AND', values: [] }
    let node = root
    for (let i = 0; i < 17; i++) {
      const child = { type: 'AND', values: [] as unknown[] }
      node.values.push(child)
      node = child
    }
    node.values.push({ key: 'a', operator: 'exact', type: 'log_attribute', value: 'x' })
    return root
  }
  const wide = { type: 'OR', values: Array.from({ length: 257 }, (_, i) => ({ key: 'a', operator: 'exact', type: 'log_attribute', value: String(i) })) }
  const sample = (actions: unknown) => ({ name: 'x', rule_type: 'severity_sampling', config: { actions } })
  const rate = (config: unknown) => ({ name: 'x', rule_type: 'rate_limit', config })
  const path = (config: unknown, extra: Record<string, unknown> = {}) => ({ name: 'x', rule_type: 'path_drop', config, ...extra })
  const cases: [string, unknown, string | null, string][] = [
    ['sample rate above 1', sample({ DEBUG: { type: 'sample', rate: 1.5 } }), 'config__actions__DEBUG__rate', 'max_value'],
    ['sample rate below 0', sample({ INFO: { type: 'sample', rate: -0.1 } }), 'config__actions__INFO__rate', 'min_value'],
    ['sample without rate', sample({ WARN: { type: 'sample' } }), 'config__actions__WARN__rate', 'required'],
    ['unknown action', sample({ ERROR: { type: 'shred' } }), 'config__actions__ERROR__type', 'invalid_choice'],
    ['unknown level', sample({ TRACE: { type: 'drop' } }), 'config__actions__TRACE', 'invalid_input'],
    ['bad status_gte', { ...sample({}), config: { actions: {}, always_keep: { status_gte: 99 } } }, 'config__always_keep__status_gte', 'min_value'],
    ['bad second pattern', path({ patterns: ['^/ok', '(unclosed'] }), 'config__patterns__1', 'invalid_input'],
    ['catastrophic pattern', path({ patterns: ['(a+)+$'] }), 'config__patterns__0', 'invalid_input'],
    ['path drop that matches nothing', path({}), 'config__patterns', 'required'],
    ['bad scope_path_pattern', path({ patterns: ['x'] }, { scope_path_pattern: '[' }), 'scope_path_pattern', 'invalid_input'],
    ['scope filter without value', path({ patterns: ['x'] }, { scope_attribute_filters: [{ key: 'env', op: 'eq' }] }), 'scope_attribute_filters__0__value', 'required'],
    ['scope filter bad regex', path({ patterns: ['x'] }, { scope_attribute_filters: [{ key: 'env', op: 'regex', value: '(' }] }), 'scope_attribute_filters__0__value', 'invalid_input'],
    ['scope filter bad op', path({ patterns: ['x'] }, { scope_attribute_filters: [{ key: 'env', op: 'like', value: 'a' }] }), 'scope_attribute_filters__0__op', 'invalid_choice'],
    ['scope_service too long', path({ patterns: ['x'] }, { scope_service: 's'.repeat(513) }), 'scope_service', 'max_length'],
    ['filter group too deep', path({ filter_group: deep() }), 'config__filter_group', 'invalid_input'],
    ['filter group too wide', path({ filter_group: wide }), 'config__filter_group', 'invalid_input'],
    ['rate of 0', rate({ logs_per_second: 0 }), 'config__logs_per_second', 'min_value'],
    ['rate above 1,000,000', rate({ kb_per_second: 1_000_001 }), 'config__kb_per_second', 'max_value'],
    ['fractional rate', rate({ logs_per_second: 1.5 }), 'config__logs_per_second', 'invalid_input'],
    ['no rate', rate({}), 'config__logs_per_second', 'required'],
    ['both rates', rate({ logs_per_second: 1, kb_per_second: 1 }), 'config__kb_per_second', 'invalid_input'],
    ['burst below the rate', rate({ logs_per_second: 100, burst_logs: 99 }), 'config__burst_logs', 'min_value'],
    ['burst above 10,000,000', rate({ logs_per_second: 100, burst_logs: 10_000_001 }), 'config__burst_logs', 'max_value'],
    ['burst for the other unit', rate({ logs_per_second: 100, burst_kb: 300 }), 'config__burst_kb', 'invalid_input'],
    ['unknown config field', rate({ logs_per_second: 1, per_host: true }), 'config__per_host', 'invalid_input'],
    ['missing name', { rule_type: 'path_drop', config: { patterns: ['x'] } }, 'name', 'required'],
    ['blank name', path({ patterns: ['x'] }, { name: '   ' }), 'name', 'blank'],
    ['name of 256 characters', path({ patterns: ['x'] }, { name: 'n'.repeat(256) }), 'name', 'max_length'],
    ['unknown rule_type', { name: 'x', rule_type: 'sampling', config: {} }, 'rule_type', 'invalid_choice'],
    ['missing rule_type', { name: 'x', config: {} }, 'rule_type', 'required'],
    ['negative priority', path({ patterns: ['x'] }, { priority: -1 }), 'priority', 'min_value'],
    ['enabled as a string', path({ patterns: ['x'] }, { enabled: 'yes' }), 'enabled', 'invalid_input'],
  ]

  it('refuses every invalid create with the exact field and code, and stores nothing', async () => {
    const { R } = await freshEnv('validation')
    for (const [label, body, attr, code] of cases) {
      const r = await s.api(R, { body })
      expect(r.status, label).toBe(400)
      expect(r.body, label).toEqual({ type: 'validation_error', code, detail: expect.any(String), attr })
    }
    expect((await s.api(R)).body.count).toBe(0)
  })

  it('accepts the edges of every bound', async () => {
    const { create } = await freshEnv('bounds')
    await create(rate({ logs_per_second: 1_000_000, burst_logs: 10_000_000 }))
    await create(rate({ kb_per_second: 1, burst_kb: 1 }))
    await create(sample({ DEBUG: { type: 'sample', rate: 0 }, INFO: { type: 'sample', rate: 1 } }))
    await create(path({ patterns: ['x'] }, { name: 'n'.repeat(255) }))
    const flat = await create(path({ filter_group: [{ key: 'a', operator: 'exact', type: 'log_attribute', value: 'x' }] }))
    expect(flat.config.filter_group).toEqual({ type: 'AND', values: [{ key: 'a', operator: 'exact', type: 'log_attribute', value: 'x' }] })
  })

  it('validates PATCH on the merged rule and PUT as a whole, naming the field', async () => {
    const { R, create } = await freshEnv('patch-validation')
    const rule = await create(severityRule)
    const bad: [string, Record<string, unknown>, string, string][] = [
      ['PATCH', { config: { actions: { DEBUG: { type: 'sample', rate: 2 } } } }, 'config__actions__DEBUG__rate', 'max_value'],
      // The stored config is no rate_limit config: switching type without a new one names what does not fit.
      ['PATCH', { rule_type: 'rate_limit' }, 'config__actions', 'invalid_input'],
      ['PATCH', { rule_type: 'rate_limit', config: {} }, 'config__logs_per_second', 'required'],
      ['PATCH', { scope_path_pattern: '(' }, 'scope_path_pattern', 'invalid_input'],
      ['PATCH', { name: '' }, 'name', 'blank'],
      ['PATCH', { rule_type: 'nope' }, 'rule_type', 'invalid_choice'],
      ['PATCH', { version: 'one' }, 'version', 'invalid_input'],
      ['PUT', { name: 'x', rule_type: 'path_drop', config: { patterns: ['ok', '['] } }, 'config__patterns__1', 'invalid_input'],
      ['PUT', { name: 'x' }, 'rule_type', 'required'],
    ]
    for (const [method, body, attr, code] of bad) {
      const r = await s.api(`${R}/${rule.id}`, { method, body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body, JSON.stringify(body)).toMatchObject({ attr, code })
    }
    expect((await s.api(`${R}/${rule.id}`)).body).toMatchObject({ version: 1, config: severityRule.config })
    const switched = await s.api(`${R}/${rule.id}`, { method: 'PATCH', body: { rule_type: 'rate_limit', config: { logs_per_second: 5 } } })
    expect(switched.body).toMatchObject({ rule_type: 'rate_limit', config: { logs_per_second: 5 }, version: 2, summary_string: 'Caps at 5 logs/s' })
  })

  it('takes form-encoded bodies like the reference, and refuses other content types and non-objects', async () => {
    const { R } = await freshEnv('form')
    const form = await s.api(R, {
      method: 'POST',
      raw: `name=From%20a%20form&rule_type=path_drop&enabled=true&priority=3&config=${encodeURIComponent('{"patterns":["^/health"]}')}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(201)
    expect(form.body).toMatchObject({ name: 'From a form', enabled: true, priority: 3, config: { patterns: ['^/health'] } })
    const badForm = await s.api(R, { method: 'POST', raw: 'name=x&rule_type=path_drop&config=not-json', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(badForm.status).toBe(400)
    expect(badForm.body).toMatchObject({ attr: 'config', code: 'invalid_input' })
    expect((await s.api(R, { method: 'POST', raw: 'name=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415)
    expect((await s.api(R, { body: [healthRule] })).status).toBe(400)
    expect((await s.api(R, { method: 'POST', raw: '{"name":', headers: { 'content-type': 'application/json' } })).status).toBe(400)
  })
})

describe('optimistic concurrency', () => {
  it('answers 409 stale_version to a PATCH or PUT carrying an old version, and writes nothing', async () => {
    const { R, create } = await freshEnv('stale')
    const rule = await create(severityRule)
    await s.api(`${R}/${rule.id}`, { method: 'PATCH', body: { name: 'First writer', version: 1 } })
    for (const [method, body] of [
      ['PATCH', { name: 'Second writer', enabled: true, version: 1 }],
      ['PUT', { ...healthRule, version: 1 }],
      ['PATCH', { version: 3 }],
    ] as const) {
      const r = await s.api(`${R}/${rule.id}`, { method, body })
      expect(r.status).toBe(409)
      expect(r.body).toEqual({ type: 'conflict', code: 'stale_version', detail: expect.stringContaining('was changed by someone else (now version 2'), attr: null })
    }
    expect((await s.api(`${R}/${rule.id}`)).body).toMatchObject({ name: 'First writer', enabled: false, rule_type: 'severity_sampling', version: 2 })
  })

  it('checks a stale version before validating the body: the client learns to reload first', async () => {
    const { R, create } = await freshEnv('stale-first')
    const rule = await create(severityRule)
    const r = await s.api(`${R}/${rule.id}`, { method: 'PATCH', body: { version: 7, config: { actions: { DEBUG: { type: 'sample' } } } } })
    expect(r.status).toBe(409)
  })
})

describe('reorder', () => {
  it('sets priorities 0..n-1 in the given order and bumps every version in one step, answering the list', async () => {
    const { R, create } = await freshEnv('reorder')
    const rules = [await create({ ...healthRule, name: 'one' }), await create({ ...severityRule, name: 'two' }), await create({ ...capRule, name: 'three', priority: 40 })]
    const order = [rules[2].id, rules[0].id, rules[1].id.toUpperCase()]
    const r = await s.api(`${R}/reorder/`, { body: { ordered_ids: order } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ count: 3, next: null, previous: null })
    expect(r.body.results.map((x: any) => [x.name, x.priority, x.version])).toEqual([
      ['three', 0, 2],
      ['one', 1, 2],
      ['two', 2, 2],
    ])
    expect(r.body.results[0]).toHaveProperty('impact_24h')
    const form = await s.api(`${R}/reorder`, {
      method: 'POST',
      raw: [rules[0].id, rules[1].id, rules[2].id].map((id) => `ordered_ids=${id}`).join('&'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.body.results.map((x: any) => x.name)).toEqual(['one', 'two', 'three'])
  })

  it('refuses anything but a permutation of all the rules, changing nothing', async () => {
    const { R, create } = await freshEnv('reorder-invalid')
    const other = await freshEnv('reorder-other')
    const foreign = await other.create(healthRule)
    const [a, b, c] = [await create(healthRule), await create(severityRule), await create(capRule)]
    const cases: [unknown, string | null][] = [
      [{ ordered_ids: [a.id, b.id] }, null],
      [{ ordered_ids: [a.id, b.id, b.id] }, null],
      [{ ordered_ids: [a.id, b.id, c.id, c.id] }, null],
      [{ ordered_ids: [a.id, b.id, foreign.id] }, null],
      [{ ordered_ids: [a.id, b.id, c.id, foreign.id] }, null],
      [{ ordered_ids: [a.id, b.id, 'not-a-uuid'] }, 'ordered_ids__2'],
      [{ ordered_ids: a.id }, 'ordered_ids'],
      [{}, 'ordered_ids'],
    ]
    for (const [body, attr] of cases) {
      const r = await s.api(`${R}/reorder`, { body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body, JSON.stringify(body)).toMatchObject({ type: 'validation_error', attr })
    }
    const after = (await s.api(R)).body.results
    expect(after.map((x: any) => [x.id, x.priority, x.version])).toEqual([
      [a.id, 0, 1],
      [b.id, 1, 1],
      [c.id, 2, 1],
    ])
    expect((await s.api(`${other.R}/${foreign.id}`)).body.version).toBe(1)
  })

  it('accepts an empty list for an environment without rules', async () => {
    const { R } = await freshEnv('reorder-empty')
    expect((await s.api(`${R}/reorder`, { body: { ordered_ids: [] } })).body).toEqual({ count: 0, next: null, previous: null, results: [] })
  })
})

describe('environment isolation', () => {
  it("never shows, changes, deletes or simulates another environment's rule", async () => {
    const mine = await freshEnv('iso-a')
    const theirs = await freshEnv('iso-b')
    const rule = await mine.create(healthRule)
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { name: 'hijack' }],
      ['PUT', '', healthRule],
      ['DELETE', '', undefined],
      ['POST', '/simulate', {}],
    ] as const) {
      const r = await s.api(`${theirs.R}/${rule.id}${suffix}`, { method, body })
      expect(r.status, method + suffix).toBe(404)
    }
    expect((await s.api(theirs.R)).body.count).toBe(0)
    expect((await s.api(`${mine.R}/${rule.id}`)).body).toMatchObject({ name: 'Health checks', version: 1 })
  })
})

describe('scopes', () => {
  it('lets a read key list, retrieve and simulate, and only a write key change rules', async () => {
    const k = await startTestServer({ auth: 'keys' })
    try {
      const read = (await createKey(k.ctx.db, { label: 'r', scopes: ['logs:read'], environmentIds: null })).secret
      const write = (await createKey(k.ctx.db, { label: 'w', scopes: ['logs:write'], environmentIds: null, ownerEmail: 'grace@example.com', ownerName: 'Grace Hopper' }))
        .secret
      const R = '/api/environments/1/logs/sampling_rules'
      const as = (secret: string) => ({ authorization: `Bearer ${secret}` })
      const created = await k.api(R, { body: healthRule, headers: as(write) })
      expect(created.status).toBe(201)
      expect(created.body.created_by).not.toBe(1)
      expect((await k.api(R, { headers: as(read) })).status).toBe(200)
      expect((await k.api(`${R}/${created.body.id}`, { headers: as(read) })).status).toBe(200)
      expect((await k.api(`${R}/${created.body.id}/simulate`, { method: 'POST', headers: as(read) })).status).toBe(200)
      expect((await k.api(`${R}/simulate`, { body: healthRule, headers: as(read) })).status).toBe(200)
      for (const [method, url, body] of [
        ['POST', R, healthRule],
        ['PATCH', `${R}/${created.body.id}`, { name: 'x' }],
        ['PUT', `${R}/${created.body.id}`, healthRule],
        ['DELETE', `${R}/${created.body.id}`, undefined],
        ['POST', `${R}/reorder`, { ordered_ids: [created.body.id] }],
      ] as const) {
        const r = await k.api(url, { method, body, headers: as(read) })
        expect(r.status, `${method} ${url}`).toBe(403)
      }
      expect((await k.api(R)).status).toBe(401)
    } finally {
      await k.stop()
    }
  })
})

describe('rules at ingest', () => {
  it('applies a change from the next batch on, and reports what each rule really dropped as impact_24h', async () => {
    const { env, R, create, ingest } = await freshEnv('impact')
    const t = Date.now() - 5 * MIN
    const batch = (tag: string): TestLog[] => [
      ...Array.from({ length: 6 }, (_, i) => ({ service: 'api', body: `${tag} health ${i}`, timeMs: t + i, attributes: { 'http.route': '/health' } })),
      ...Array.from({ length: 4 }, (_, i) => ({ service: 'api', body: `${tag} orders ${i}`, timeMs: t + 10 + i, attributes: { 'http.route': '/orders' } })),
    ]
    await ingest(batch('before'))
    expect(await storedCount(env)).toBe(10)

    const rule = await create({ ...healthRule, enabled: true })
    // One request at a time: each batch's drops are committed on their own.
    await ingest(batch('one'))
    await ingest(batch('two'))
    expect(await storedCount(env)).toBe(18)
    const listed = (await s.api(R)).body.results[0]
    const healthBytes = batch('one').slice(0, 6).reduce((n, l) => n + Buffer.byteLength(l.body) + 'http.route'.length + '/health'.length + 'service.name'.length + 'api'.length, 0)
    expect(listed.impact_24h).toEqual({ dropped_logs: 12, dropped_bytes: healthBytes * 2 })
    expect(listed.warnings).toEqual([])

    await s.api(`${R}/${rule.id}`, { method: 'PATCH', body: { enabled: false } })
    await ingest(batch('three'))
    expect(await storedCount(env)).toBe(28)
    expect((await s.api(`${R}/${rule.id}`)).body.impact_24h.dropped_logs).toBe(12)
  })
})

describe('impact of concurrent ingest requests', () => {
  /** Requests flushed in one transaction share (env, rule, minute) keys: their drops must add up. */
  it('counts the drops of requests that are written in the same flush', async () => {
    const { R, create, ingest } = await freshEnv('impact-concurrent')
    const rule = await create({ ...healthRule, enabled: true })
    const t = Date.now() - 2 * MIN
    await Promise.all(Array.from({ length: 10 }, (_, i) => ingest([{ service: 'api', body: `health ${i}`, timeMs: t + i, attributes: { 'http.route': '/health' } }])))
    expect((await s.api(`${R}/${rule.id}`)).body.impact_24h.dropped_logs).toBe(10)
  })
})

describe('warnings', () => {
  it('flags shadowed rules, rules that matched nothing in 24 h, and scopes naming a silent service', async () => {
    const { R, create, ingest } = await freshEnv('warnings')
    const t = Date.now() - 10 * MIN
    await ingest([
      { service: 'web', body: 'a', timeMs: t, attributes: { 'http.route': '/orders' } },
      { service: 'web', body: 'b', timeMs: t + 1, severity: 'DEBUG', attributes: { 'http.route': '/orders' } },
    ])
    const matching = await create({ ...healthRule, name: 'orders', config: { patterns: ['^/orders'] } })
    const silent = await create({ ...healthRule, name: 'never', config: { patterns: ['^/never'] } })
    const silentEnabled = await create({ ...healthRule, name: 'never, enabled', enabled: true, config: { patterns: ['^/never'] } })
    const ghost = await create({ ...severityRule, name: 'ghost', scope_service: 'chekout' })
    const all = await create({ ...severityRule, name: 'all web', enabled: true, scope_service: 'web' })
    const shadowed = await create({ ...capRule, name: 'shadowed', scope_service: 'web' })

    const byName = new Map((await s.api(R)).body.results.map((r: any) => [r.name, r.warnings]))
    expect(byName.get('orders')).toEqual([])
    expect(byName.get('never')).toEqual([{ code: 'no_matches_24h', message: 'Disabled, and would match none of the logs stored in the last 24 hours.' }])
    expect(byName.get('never, enabled')).toEqual([{ code: 'no_matches_24h', message: 'Matched no logs in the last 24 hours.' }])
    expect(byName.get('ghost')).toEqual([{ code: 'unknown_service', message: expect.stringContaining('"chekout"') }])
    expect(byName.get('all web')).toEqual([])
    expect(byName.get('shadowed')).toEqual([{ code: 'shadowed', message: expect.stringContaining('"all web"') }])
    // Retrieve and write answers carry the same fields.
    expect((await s.api(`${R}/${shadowed.id}`)).body.warnings).toEqual(byName.get('shadowed'))
    const fixed = await s.api(`${R}/${ghost.id}`, { method: 'PATCH', body: { scope_service: 'web' } })
    expect(fixed.body.warnings).toEqual([])
    const edited = await s.api(`${R}/${silent.id}`, { method: 'PATCH', body: { config: { patterns: ['^/ord'] } } })
    expect(edited.body.warnings).toEqual([])
    expect([matching, silentEnabled, all].every((r) => Array.isArray(r.warnings))).toBe(true)
  })

  it('does not call a service silent when its rule dropped every log it sent', async () => {
    const { R, create, ingest } = await freshEnv('warnings-dropped')
    const rule = await create({ name: 'drop all of batch', enabled: true, rule_type: 'severity_sampling', scope_service: 'batch', config: { actions: { INFO: { type: 'drop' } } } })
    await ingest([{ service: 'batch', body: 'x', timeMs: Date.now() - MIN }])
    const listed = (await s.api(`${R}/${rule.id}`)).body
    expect(listed.impact_24h.dropped_logs).toBe(1)
    expect(listed.warnings).toEqual([])
  })
})

describe('services integration', () => {
  it('lists on each service the enabled rules whose scope can match it, in evaluation order, with summaries', async () => {
    const { base, R, create, ingest } = await freshEnv('services')
    const t = Date.now() - 5 * MIN
    await ingest([
      { service: 'checkout', body: 'c', timeMs: t },
      { service: 'search', body: 's', timeMs: t + 1 },
      { body: 'no service', timeMs: t + 2 },
    ])
    const everywhere = await create({ ...capRule, name: 'global cap', enabled: true })
    const checkoutLevels = await create({ ...severityRule, name: 'checkout levels', enabled: true, scope_service: 'checkout' })
    await create({ ...healthRule, name: 'checkout disabled', scope_service: 'checkout' })
    const searchOnly = await create({ ...healthRule, name: 'search health', enabled: true, scope_service: 'search' })
    const orphans = await create({ ...healthRule, name: 'orphans', enabled: true, scope_service: '(no service)' })
    const services = async () => {
      const r = await s.api(`${base}/services`, { body: { query: { dateRange: { date_from: '-1h' } } } })
      expect(r.status).toBe(200)
      return new Map<string, { rule_name: string }[]>(r.body.services.map((x: any) => [x.service_name, x.active_rules]))
    }
    const entry = (r: any, summary: string) => ({ rule_id: r.id, rule_name: r.name, summary_string: summary })
    let rows = await services()
    expect(rows.get('checkout')).toEqual([entry(everywhere, 'Caps at 500 logs/s'), entry(checkoutLevels, 'Drops DEBUG, keeps 10 % of INFO · service checkout')])
    expect(rows.get('search')).toEqual([entry(everywhere, 'Caps at 500 logs/s'), entry(searchOnly, 'Drops paths matching ^/health · service search')])
    expect(rows.get('(no service)')).toEqual([entry(everywhere, 'Caps at 500 logs/s'), entry(orphans, 'Drops paths matching ^/health · service (no service)')])

    await s.api(`${R}/reorder`, { body: { ordered_ids: [checkoutLevels.id, searchOnly.id, orphans.id, everywhere.id, (await s.api(R)).body.results.find((r: any) => r.name === 'checkout disabled').id] } })
    await s.api(`${R}/${searchOnly.id}`, { method: 'PATCH', body: { enabled: false } })
    rows = await services()
    expect(rows.get('checkout')!.map((r) => r.rule_name)).toEqual(['checkout levels', 'global cap'])
    expect(rows.get('search')!.map((r) => r.rule_name)).toEqual(['global cap'])
  })
})
