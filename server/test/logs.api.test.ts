import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { otlpPayload, startTestServer, type TestLog, type TestServer } from './support/server'

const E = '/api/environments/1/logs'
let s: TestServer
const now = Date.now()
const MIN = 60_000

beforeAll(async () => {
  s = await startTestServer()
})
afterAll(async () => {
  await s?.stop()
})

async function ingest(logs: TestLog[]) {
  const r = await s.sendOtlp(otlpPayload(logs))
  expect(r.status).toBe(200)
}

const errorShape = (body: any) => {
  expect(body).toEqual({ type: expect.any(String), code: expect.any(String), detail: expect.any(String), attr: body.attr ?? null })
}

describe('POST logs/query', () => {
  it('returns rows with every field of the contract, newest first, and maps severities', async () => {
    const t = now - 5 * MIN
    await ingest([
      { service: 'q-svc', body: 'first', severity: 'TRACE', timeMs: t, attributes: { 'http.route': '/a', n: 1 }, resource: { 'host.name': 'h1' }, traceId: 'AB'.repeat(16), spanId: 'cd'.repeat(8) },
      { service: 'q-svc', body: 'second', severity: 'WARNING', timeMs: t + 1000 },
      { service: 'q-svc', body: 'third', severity: '', severityNumber: 17, timeMs: t + 2000 },
      { service: 'q-svc', body: 'fourth', severity: 'FATAL', timeMs: t + 3000 },
      { service: 'q-svc', body: 'fifth', severity: '', severityNumber: 10, timeMs: t + 4000 },
    ])
    const r = await s.api(`${E}/query`, { body: { query: { serviceNames: ['q-svc'], dateRange: { date_from: '-1h' } } } })
    expect(r.status).toBe(200)
    expect(r.body.results.map((x: any) => [x.body, x.level])).toEqual([
      ['fifth', 'info'],
      ['fourth', 'error'],
      ['third', 'error'],
      ['second', 'warn'],
      ['first', 'debug'],
    ])
    const first = r.body.results[4]
    expect(first).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: new Date(t).toISOString(),
      observed_timestamp: expect.any(String),
      severity_text: 'TRACE',
      severity_number: 0,
      level: 'debug',
      service_name: 'q-svc',
      body: 'first',
      attributes: { 'http.route': '/a', n: '1' },
      resource_attributes: { 'service.name': 'q-svc', 'host.name': 'h1' },
      trace_id: 'ab'.repeat(16),
      span_id: 'cd'.repeat(8),
      event_name: '',
    })
    expect(r.body.hasMore).toBe(false)
    expect(r.body.nextCursor).toBeNull()
  })

  it('pages with a cursor that stays stable while newer and older logs arrive', async () => {
    const t = now - 20 * MIN
    await ingest(Array.from({ length: 25 }, (_, i) => ({ service: 'page-svc', body: `p${i}`, timeMs: t + i * 1000 })))
    const q = { serviceNames: ['page-svc'], limit: 10 }
    const p1 = await s.api(`${E}/query`, { body: { query: q } })
    expect(p1.body.results.map((x: any) => x.body)).toEqual(Array.from({ length: 10 }, (_, i) => `p${24 - i}`))
    expect(p1.body.hasMore).toBe(true)
    // Newer logs arrive between pages: they must not shift page 2.
    await ingest(Array.from({ length: 5 }, (_, i) => ({ service: 'page-svc', body: `new${i}`, timeMs: t + 60_000 + i })))
    const p2 = await s.api(`${E}/query`, { body: { query: { ...q, after: p1.body.nextCursor } } })
    expect(p2.body.results.map((x: any) => x.body)).toEqual(Array.from({ length: 10 }, (_, i) => `p${14 - i}`))
    const p3 = await s.api(`${E}/query`, { body: { query: { ...q, after: p2.body.nextCursor } } })
    expect(p3.body.results.map((x: any) => x.body)).toEqual(['p4', 'p3', 'p2', 'p1', 'p0'])
    expect(p3.body.hasMore).toBe(false)
    const earliest = await s.api(`${E}/query`, { body: { query: { ...q, orderBy: 'earliest', limit: 3 } } })
    expect(earliest.body.results.map((x: any) => x.body)).toEqual(['p0', 'p1', 'p2'])
  })

  it('keeps rows with the same timestamp apart by uuid across pages', async () => {
    const t = now - 30 * MIN
    await ingest(Array.from({ length: 7 }, (_, i) => ({ service: 'tie-svc', body: `tie${i}`, timeMs: t })))
    const seen: string[] = []
    let after: string | null = null
    do {
      const r: any = await s.api(`${E}/query`, { body: { query: { serviceNames: ['tie-svc'], limit: 2, after } } })
      seen.push(...r.body.results.map((x: any) => x.uuid))
      after = r.body.nextCursor
    } while (after)
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
  })

  it('filters by search term literally (% and _ are not wildcards), severity and filter groups', async () => {
    const t = now - 8 * MIN
    await ingest([
      { service: 'f-svc', body: 'disk 100% full', severity: 'ERROR', timeMs: t, attributes: { 'http.status_code': 500, region: 'eu' } },
      { service: 'f-svc', body: 'disk 1000 full', severity: 'INFO', timeMs: t + 1, attributes: { 'http.status_code': 200, region: 'us' } },
      { service: 'f-svc', body: 'user_id missing', severity: 'WARN', timeMs: t + 2, attributes: { region: 'eu' } },
      { service: 'f-svc', body: 'userXid missing', severity: 'DEBUG', timeMs: t + 3, resource: { tier: 'gold' } },
      { service: 'u-svc', body: 'ÉCHEC du paiement \\ voir C:\\tmp', severity: 'INFO', timeMs: t + 4 },
    ])
    const bodies = async (query: object, service = 'f-svc') => {
      const r = await s.api(`${E}/query`, { body: { query: { serviceNames: [service], ...query } } })
      expect(r.status).toBe(200)
      return r.body.results.map((x: any) => x.body).sort()
    }
    expect(await bodies({ searchTerm: '100%' })).toEqual(['disk 100% full'])
    expect(await bodies({ searchTerm: 'USER_ID' })).toEqual(['user_id missing'])
    // Case folds beyond ASCII; a backslash is just a character.
    expect(await bodies({ searchTerm: 'échec' }, 'u-svc')).toEqual(['ÉCHEC du paiement \\ voir C:\\tmp'])
    expect(await bodies({ searchTerm: '\\ voir c:\\' }, 'u-svc')).toEqual(['ÉCHEC du paiement \\ voir C:\\tmp'])
    expect(await bodies({ searchTerm: 'echec' }, 'u-svc')).toEqual([])
    expect(await bodies({ severityLevels: ['fatal'] })).toEqual(['disk 100% full'])
    expect(await bodies({ severityLevels: ['trace', 'warn'] })).toEqual(['userXid missing', 'user_id missing'])
    const leaf = (key: string, operator: string, value?: unknown, type = 'log_attribute') => ({ key, operator, value, type })
    expect(await bodies({ filterGroup: { type: 'AND', values: [{ type: 'AND', values: [leaf('http.status_code', 'gt', 300)] }] } })).toEqual(['disk 100% full'])
    expect(await bodies({ filterGroup: [leaf('region', 'exact', ['eu', 'apac'])] })).toEqual(['disk 100% full', 'user_id missing'])
    expect(await bodies({ filterGroup: [leaf('region', 'is_not', 'eu')] })).toEqual(['disk 1000 full', 'userXid missing'])
    expect(await bodies({ filterGroup: [leaf('region', 'is_not_set')] })).toEqual(['userXid missing'])
    expect(await bodies({ filterGroup: [leaf('message', 'regex', '^disk \\d+ ', 'log')] })).toEqual(['disk 1000 full'])
    expect(await bodies({ filterGroup: [leaf('message', 'not_icontains', 'DISK', 'log')] })).toEqual(['userXid missing', 'user_id missing'])
    expect(await bodies({ filterGroup: [leaf('tier', 'exact', 'gold', 'log_resource_attribute')] })).toEqual(['userXid missing'])
    // Keys that are names of Object.prototype members are ordinary keys.
    expect(await bodies({ filterGroup: [leaf('constructor', 'is_set')] })).toEqual([])
    expect(await bodies({ filterGroup: [leaf('__proto__', 'is_not_set'), leaf('toString', 'is_not_set')] })).toHaveLength(4)
    expect(
      await bodies({ filterGroup: { type: 'OR', values: [leaf('http.status_code', 'lt', 300), leaf('tier', 'is_set', undefined, 'log_resource_attribute')] } }),
    ).toEqual(['disk 1000 full', 'userXid missing'])
  })

  it('rejects malformed queries with a 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ limit: 0 }, 'query__limit'],
      [{ limit: 1001 }, 'query__limit'],
      [{ severityLevels: ['loud'] }, 'query__severityLevels__0'],
      [{ dateRange: { date_from: 'yesterday' } }, 'query__dateRange__date_from'],
      [{ dateRange: { date_from: '-1h', date_to: '-2h' } }, 'query__dateRange__date_from'],
      [{ after: 'bm9wZQ' }, 'after'],
      [{ filterGroup: [{ key: 'a', operator: 'regex', value: '(' }] }, 'query__filterGroup__values__0__value'],
      [{ filterGroup: [{ key: 'a', operator: 'regex', value: '(a+)+$' }] }, 'query__filterGroup__values__0__value'],
      [{ filterGroup: [{ key: 'a', operator: 'like', value: 'x' }] }, 'query__filterGroup__values__0__operator'],
      [{ filterGroup: [{ key: 'nope', operator: 'exact', value: 'x', type: 'log' }] }, 'query__filterGroup__values__0__key'],
    ]
    for (const [query, attr] of cases) {
      const r = await s.api(`${E}/query`, { body: { query } })
      expect(r.status, JSON.stringify(query)).toBe(400)
      expect(r.body.type).toBe('validation_error')
      expect(r.body.attr, JSON.stringify(query)).toBe(attr)
    }
    let deep: any = { key: 'a', operator: 'is_set', type: 'log_attribute' }
    for (let i = 0; i < 40; i++) deep = { type: 'AND', values: [deep] }
    const r = await s.api(`${E}/query`, { body: { query: { filterGroup: deep } } })
    expect(r.status).toBe(400)
    expect(r.body.detail).toMatch(/deeper than 16/)
  })
})

describe('POST logs/services and logs/sparkline', () => {
  const from = new Date(now - 185 * MIN).toISOString()
  const to = new Date(now - 150 * MIN).toISOString()
  beforeAll(async () => {
    const base = now - 180 * MIN
    const logs: TestLog[] = []
    // svc-big: 60 logs (6 errors incl. 2 fatal), svc-mid: 30 (no errors), no service: 10.
    for (let i = 0; i < 60; i++) logs.push({ service: 'svc-big', body: `b${i}`, severity: i < 4 ? 'ERROR' : i < 6 ? 'FATAL' : i < 20 ? 'DEBUG' : 'INFO', timeMs: base + i * 20_000 })
    for (let i = 0; i < 30; i++) logs.push({ service: 'svc-mid', body: `m${i}`, severity: i % 3 === 0 ? 'WARN' : 'INFO', timeMs: base + i * 37_000 + 500 })
    for (let i = 0; i < 10; i++) logs.push({ body: `anon${i}`, timeMs: base + i * 61_000 + 250 })
    await ingest(logs)
  })

  it('counts every service in the window exactly, with shares of all logs', async () => {
    const r = await s.api(`${E}/services`, { body: { query: { dateRange: { date_from: from, date_to: to } } } })
    expect(r.status).toBe(200)
    const byName = Object.fromEntries(r.body.services.map((x: any) => [x.service_name, x]))
    expect(r.body.services.map((x: any) => x.service_name)).toEqual(['svc-big', 'svc-mid', '(no service)'])
    expect(byName['svc-big']).toEqual({
      service_name: 'svc-big',
      log_count: 60,
      error_count: 6,
      error_rate: 0.1,
      volume_share_pct: 60,
      severity_breakdown: { debug: 14, info: 40, warn: 0, error: 6 },
      active_rules: [],
    })
    expect(byName['svc-mid'].severity_breakdown).toEqual({ debug: 0, info: 20, warn: 10, error: 0 })
    expect(byName['(no service)'].log_count).toBe(10)
    expect(r.body.summary).toEqual({ top_services_count: 3, top_services_volume_share_pct: 100 })
    expect(r.body.total_services).toBe(3)
    expect(new Set(r.body.sparkline.map((p: any) => p.service_name))).toEqual(new Set(['svc-big', 'svc-mid', '(no service)']))
    const sparkTotal = r.body.sparkline.filter((p: any) => p.service_name === 'svc-big').reduce((n: number, p: any) => n + p.count, 0)
    expect(sparkTotal).toBe(60)
  })

  it('is exact at partial edge minutes (rollup + raw edges)', async () => {
    // A window starting and ending mid-minute: count from raw rows and compare.
    const f = new Date(now - 179 * MIN - 17_000).toISOString()
    const t = new Date(now - 165 * MIN - 29_000).toISOString()
    const services = await s.api(`${E}/services`, { body: { query: { dateRange: { date_from: f, date_to: t } } } })
    const query = await s.api(`${E}/query`, { body: { query: { dateRange: { date_from: f, date_to: t }, serviceNames: ['svc-big'], limit: 1000 } } })
    const big = services.body.services.find((x: any) => x.service_name === 'svc-big')
    expect(big.log_count).toBe(query.body.results.length)
    expect(big.log_count).toBeGreaterThan(0)
  })

  it('searches and limits, and names the window total', async () => {
    const r = await s.api(`${E}/services`, { body: { query: { dateRange: { date_from: from, date_to: to }, serviceNameSearch: 'MID' } } })
    expect(r.body.services.map((x: any) => x.service_name)).toEqual(['svc-mid'])
    expect(r.body.services[0].volume_share_pct).toBe(30)
    expect(r.body.total_services).toBe(1)
    const limited = await s.api(`${E}/services`, { body: { query: { dateRange: { date_from: from, date_to: to }, limit: 1 } } })
    expect(limited.body.services).toHaveLength(1)
    expect(new Set(limited.body.sparkline.map((p: any) => p.service_name))).toEqual(new Set(['svc-big']))
    expect(limited.body.total_services).toBe(3)
    const bad = await s.api(`${E}/services`, { body: { query: { limit: 10001 } } })
    expect(bad.status).toBe(400)
    expect(bad.body.attr).toBe('query__limit')
  })

  it('buckets by the adaptive rule: 1 minute for ~an hour, 30 minutes for a day', async () => {
    const hour = await s.api(`${E}/sparkline`, { body: { query: { dateRange: { date_from: from, date_to: to }, serviceNames: ['svc-big'] } } })
    expect(hour.status).toBe(200)
    const times = hour.body.results.map((p: any) => Date.parse(p.time))
    expect(times.every((t: number) => t % 60_000 === 0)).toBe(true)
    expect(new Set(times).size).toBeGreaterThan(10)
    expect(hour.body.results[0]).toEqual({ time: expect.any(String), severity: expect.any(String), service: null, count: expect.any(Number), bytes_uncompressed: expect.any(Number) })
    const total = hour.body.results.reduce((n: number, p: any) => n + p.count, 0)
    expect(total).toBe(60)
    const day = await s.api(`${E}/sparkline`, { body: { query: { dateRange: { date_from: '-24h' }, serviceNames: ['svc-big'] } } })
    expect(day.body.results.every((p: any) => Date.parse(p.time) % 1_800_000 === 0)).toBe(true)
    const byService = await s.api(`${E}/sparkline`, { body: { query: { dateRange: { date_from: from, date_to: to }, sparklineBreakdownBy: 'service' } } })
    expect(byService.body.results.every((p: any) => p.severity === null && typeof p.service === 'string')).toBe(true)
    expect(new Set(byService.body.results.map((p: any) => p.service))).toEqual(new Set(['svc-big', 'svc-mid', '(no service)']))
  })

  it('sums everything past the 25 largest services as (other)', async () => {
    const t = now - 6 * 60 * MIN
    const logs: TestLog[] = []
    for (let k = 0; k < 30; k++) for (let i = 0; i <= k; i++) logs.push({ service: `many-${String(k).padStart(2, '0')}`, body: 'x', timeMs: t + i })
    await ingest(logs)
    const window = { date_from: new Date(t - MIN).toISOString(), date_to: new Date(t + MIN).toISOString() }
    const r = await s.api(`${E}/sparkline`, { body: { query: { dateRange: window, sparklineBreakdownBy: 'service' } } })
    const services = new Set(r.body.results.map((p: any) => p.service))
    expect(services.size).toBe(26)
    expect(services.has('(other)')).toBe(true)
    expect(services.has('many-00')).toBe(false)
    const other = r.body.results.filter((p: any) => p.service === '(other)').reduce((n: number, p: any) => n + p.count, 0)
    expect(other).toBe(1 + 2 + 3 + 4 + 5)
  })
})

describe('GET logs/attributes and logs/values', () => {
  beforeAll(async () => {
    const t = now - 2 * MIN
    await ingest([
      { service: 'attr-svc', body: 'a', timeMs: t, attributes: { 'http.route': '/users', 'customer.tier': 'gold' }, resource: { 'cloud.region': 'eu-west-1' } },
      { service: 'attr-svc', body: 'b', timeMs: t + 1, attributes: { 'http.route': '/users', 'customer.tier': 'silver' } },
      { service: 'attr-svc', body: 'c', timeMs: t + 2, attributes: { 'http.route': '/orders', 'customer.tier': 'gold' } },
      { service: 'attr-svc', body: 'd', timeMs: t + 3, attributes: { 'http.route': '/users' } },
    ])
  })

  it('lists attribute keys by type with search', async () => {
    const r = await s.api(`${E}/attributes?search=tier&serviceNames=${encodeURIComponent('["attr-svc"]')}`)
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ results: [{ name: 'customer.tier', propertyFilterType: 'log_attribute' }], count: 1 })
    const res = await s.api(`${E}/attributes?attribute_type=resource&search=cloud`)
    expect(res.body.results).toEqual([{ name: 'cloud.region', propertyFilterType: 'log_resource_attribute' }])
  })

  it('lists values by frequency, for hot and cold keys, with a prefix filter', async () => {
    const svc = encodeURIComponent('["attr-svc"]')
    const hot = await s.api(`${E}/values?key=http.route&serviceNames=${svc}`)
    expect(hot.body).toEqual({ results: [{ id: '/users', name: '/users', count: 3 }, { id: '/orders', name: '/orders', count: 1 }], refreshing: false })
    const cold = await s.api(`${E}/values?key=customer.tier&serviceNames=${svc}&value=SIL`)
    expect(cold.body.results).toEqual([{ id: 'silver', name: 'silver', count: 1 }])
    const res = await s.api(`${E}/values?key=cloud.region&attribute_type=resource&serviceNames=${svc}`)
    expect(res.body.results.map((x: any) => x.name)).toEqual(['eu-west-1'])
    const filtered = await s.api(
      `${E}/values?key=http.route&serviceNames=${svc}&filterGroup=${encodeURIComponent(JSON.stringify([{ key: 'customer.tier', operator: 'exact', value: 'gold', type: 'log_attribute' }]))}`,
    )
    expect(filtered.body.results.map((x: any) => [x.name, x.count])).toEqual([['/orders', 1], ['/users', 1]])
  })

  it('names a missing key or a parameter that is not JSON', async () => {
    const missing = await s.api(`${E}/values`)
    expect(missing.status).toBe(400)
    expect(missing.body.attr).toBe('key')
    const badJson = await s.api(`${E}/values?key=a&dateRange=%7Bnope`)
    expect(badJson.status).toBe(400)
    expect(badJson.body.attr).toBe('dateRange')
    const badType = await s.api(`${E}/attributes?attribute_type=span`)
    expect(badType.status).toBe(400)
    expect(badType.body.attr).toBe('attribute_type')
  })
})

describe('conventions', () => {
  it('serves /api/projects as an alias, with or without a trailing slash, JSON or form bodies', async () => {
    const a = await s.api('/api/projects/1/logs/services/', { body: { query: { dateRange: { date_from: '-1h' } } } })
    expect(a.status).toBe(200)
    const b = await s.api(`${E}/services`, { raw: `query=${encodeURIComponent(JSON.stringify({ dateRange: { date_from: '-1h' } }))}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, method: 'POST' })
    expect(b.status).toBe(200)
    expect(b.body.services).toEqual(a.body.services)
  })

  it('answers every failure in the one error shape', async () => {
    const cases: [Promise<{ status: number; body: any }>, number, string][] = [
      [s.api(`${E}/query`, { method: 'GET' }), 405, 'method_not_allowed'],
      [s.api(`${E}/query`, { raw: 'hello', headers: { 'content-type': 'text/plain' }, method: 'POST' }), 415, 'unsupported_media_type'],
      [s.api(`${E}/query`, { raw: '{"query": ', headers: { 'content-type': 'application/json' }, method: 'POST' }), 400, 'parse_error'],
      [s.api(`${E}/query`, { raw: JSON.stringify({ query: { searchTerm: 'x'.repeat(2 * 1024 * 1024) } }), headers: { 'content-type': 'application/json' }, method: 'POST' }), 413, 'payload_too_large'],
      [s.api(`${E}/nope`), 404, 'not_found'],
      [s.api('/api/environments/999/logs/query', { body: {} }), 404, 'not_found'],
      [s.api('/api/environments/abc/logs/query', { body: {} }), 404, 'not_found'],
      [s.api(`${E}/query`, { body: [1, 2] }), 400, 'invalid_input'],
    ]
    for (const [p, status, code] of cases) {
      const r = await p
      expect(r.status).toBe(status)
      expect(r.body.code).toBe(code)
      errorShape(r.body)
    }
  })

  it('keeps environments apart', async () => {
    const env2 = await s.ctx.envs.create('second')
    const r = await s.sendOtlp(otlpPayload([{ service: 'env2-only', body: 'secret', timeMs: now - MIN }]), { authorization: `Bearer ${env2.projectToken}` })
    expect(r.status).toBe(200)
    const mine = await s.api(`/api/environments/${env2.id}/logs/query`, { body: { query: {} } })
    expect(mine.body.results.map((x: any) => x.body)).toEqual(['secret'])
    const other = await s.api(`${E}/query`, { body: { query: { serviceNames: ['env2-only'] } } })
    expect(other.body.results).toEqual([])
    const svc = await s.api(`${E}/services`, { body: { query: {} } })
    expect(svc.body.services.map((x: any) => x.service_name)).not.toContain('env2-only')
  })
})
