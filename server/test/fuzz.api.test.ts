import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prng } from '../demo/generator'
import { otlpPayload, startTestServer, type TestServer } from './support/server'

/**
 * Hostile input over every endpoint: ≥ 10,000 generated requests (wrong types, huge strings, deep
 * nesting, invalid and catastrophic regexes, bad UTF-8, bad JSON, wrong content types, oversize
 * bodies). Whatever comes in: no 5xx, no hang, and every error in the contract's one shape.
 */
const REQUESTS = 10_000
const CONCURRENCY = 8

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
  const t = Date.now() - 60_000
  await s.sendOtlp(otlpPayload(Array.from({ length: 200 }, (_, i) => ({ service: `fz-${i % 5}`, body: `log ${i} aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!`, timeMs: t + i, attributes: { 'http.route': `/r/${i % 7}`, k: 'a'.repeat(30) } }))))
})
afterAll(async () => {
  await s?.stop()
})

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!

const CATASTROPHIC = ['(a+)+$', '(a|a)*b', '(.*a){25}', '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\w+\\s?)*$', '(a*)*b', '((ab)*)+c']
const INVALID_REGEX = ['(', '[', '\\', '(?<=a)b', '(a)\\1', 'a{2,1}', '*']
const WEIRD_STRINGS = ['', ' ', '\u0000', '\uD800', '\u202E', "'; DROP TABLE logs; --", '%_%', '../../etc/passwd', '<script>alert(1)</script>', '${jndi:x}', '-1h', '-99999999d', 'all', '2026-13-45T99:99:99Z', 'NaN', '1e309', '-0', '0x10', 'null', 'true']

function hostileValue(r: Rand, depth = 0): unknown {
  const k = Math.floor(r() * 14)
  switch (k) {
    case 0:
      return null
    case 1:
      return r() < 0.5
    case 2:
      return pick(r, [0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2])
    case 3:
      return pick(r, WEIRD_STRINGS)
    case 4:
      return 'x'.repeat(Math.floor(r() * 70_000))
    case 5:
      return pick(r, CATASTROPHIC)
    case 6:
      return pick(r, INVALID_REGEX)
    case 7:
      return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => hostileValue(r, depth + 1))
    case 8:
      return depth > 3 ? {} : Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [pick(r, FIELD_NAMES), hostileValue(r, depth + 1)]))
    case 9:
      return nested(Math.floor(r() * 600))
    case 10:
      return { type: pick(r, ['AND', 'OR', 'XOR', 1]), values: [{ key: pick(r, ['message', 'k', 'http.route', '', 'level', 'constructor', '__proto__', 'toString']), operator: pick(r, ['exact', 'regex', 'gt', 'is_set', 'nope', 'not_regex', 'icontains']), type: pick(r, ['log', 'log_attribute', 'log_resource_attribute', 'span']), value: hostileValue(r, depth + 2) }] }
    case 11:
      return { date_from: pick(r, WEIRD_STRINGS), date_to: pick(r, WEIRD_STRINGS) }
    case 12:
      return Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, operator: 'exact', type: 'log_attribute', value: 'v' }))
    default:
      return crypto.randomUUID()
  }
}

/** Nesting as raw JSON text, too deep to build as an object and stringify: over and under the size limit. */
const deepJson = (levels: number) => '{"query":{"filterGroup":' + '{"type":"AND","values":['.repeat(levels) + ']}'.repeat(levels) + '}}'
const DEEP_JSON = deepJson(100_000)
const DEEP_JSON_SMALL = deepJson(30_000)

function nested(depth: number): unknown {
  let v: unknown = { key: 'a', operator: 'is_set', type: 'log_attribute' }
  for (let i = 0; i < depth; i++) v = { type: 'AND', values: [v] }
  return v
}

const FIELD_NAMES = ['query', 'name', 'filters', 'pinned', 'limit', 'after', 'dateRange', 'searchTerm', 'filterGroup', 'severityLevels', 'serviceNames', 'orderBy', 'rule_type', 'config', 'priority', 'enabled', 'version', 'ordered_ids', 'scope_service', 'scope_path_pattern', 'scope_attribute_filters', 'uuid', 'timestamp', 'force_refresh', 'position', 'date_from', 'date_to', '__proto__', 'constructor']

const ENV = ['1', '2', '0', '-1', 'abc', '99999999999', '1.5', '%00', '1%2F..']
const ROUTES: [string, string][] = [
  ['POST', 'query'], ['POST', 'sparkline'], ['POST', 'services'], ['GET', 'attributes'], ['GET', 'values'],
  ['GET', 'views'], ['POST', 'views'], ['GET', 'views/abcdefgh'], ['PATCH', 'views/abcdefgh'], ['PUT', 'views/x'], ['DELETE', 'views/%ZZ'],
  ['GET', 'sampling_rules'], ['POST', 'sampling_rules'], ['POST', 'sampling_rules/reorder'], ['POST', 'sampling_rules/simulate'],
  ['GET', `sampling_rules/${crypto.randomUUID()}`], ['PATCH', 'sampling_rules/not-a-uuid'], ['POST', `sampling_rules/${crypto.randomUUID()}/simulate`],
  ['POST', 'explainLogWithAI'], ['DELETE', 'query'], ['PUT', 'services'], ['GET', 'nope'],
]
const CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '']

interface Req {
  method: string
  path: string
  headers: Record<string, string>
  body?: string | Buffer
}

function generate(r: Rand, i: number): Req {
  const [method0, route] = pick(r, ROUTES)
  const method = r() < 0.05 ? pick(r, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) : method0
  const prefix = r() < 0.5 ? 'environments' : 'projects'
  const env = r() < 0.85 ? '1' : pick(r, ENV)
  let path = `/api/${prefix}/${env}/logs/${route}${r() < 0.3 ? '/' : ''}`
  if (method === 'GET') {
    const params = new URLSearchParams()
    for (const name of ['key', 'value', 'search', 'attribute_type', 'limit', 'offset', 'dateRange', 'serviceNames', 'filterGroup', 'pinned']) {
      if (r() < 0.4) {
        const v = hostileValue(r)
        params.append(name, typeof v === 'string' ? v.slice(0, 4000) : JSON.stringify(v)?.slice(0, 4000) ?? 'undefined')
      }
    }
    if (r() < 0.1) params.append('limit', '5') // a repeated parameter
    const qs = params.toString()
    if (qs) path += `?${qs}`
    if (r() < 0.05) path += '&dateRange=%E0%A4%A' // broken percent-encoding
    return { method, path, headers: {} }
  }
  const kind = i % 10
  const contentType = kind === 0 ? pick(r, CONTENT_TYPES) : kind === 1 ? 'application/x-www-form-urlencoded' : 'application/json'
  let body: string | Buffer
  if (kind === 2) body = Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) // bad UTF-8 in a JSON string
  else if (kind === 3) body = pick(r, ['{', '{"query":', '[1,2', 'nul', '{"a":1}}', '"\\uZZZZ"', '\u0000', '{"query": {"limit": 1e999}}', DEEP_JSON, DEEP_JSON_SMALL, '[[[[[[' + '['.repeat(50_000) + ']'.repeat(50_006)])
  else if (kind === 4 && r() < 0.15) body = JSON.stringify({ name: 'x'.repeat(1_200_000) }) // over the 1 MiB limit
  else if (contentType === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams()
    for (const f of FIELD_NAMES) if (r() < 0.3) params.append(f, JSON.stringify(hostileValue(r)) ?? '')
    body = params.toString()
  } else {
    const obj: Record<string, unknown> = {}
    for (const f of FIELD_NAMES) if (r() < 0.3) obj[f] = hostileValue(r)
    if (r() < 0.3) obj.query = Object.fromEntries(FIELD_NAMES.filter(() => r() < 0.3).map((f) => [f, hostileValue(r)]))
    body = r() < 0.05 ? JSON.stringify(hostileValue(r)) ?? 'null' : JSON.stringify(obj)
  }
  return { method, path, headers: contentType ? { 'content-type': contentType } : {}, body }
}

function generateOtlp(r: Rand, i: number): Req {
  const token = `Bearer ${s.token}`
  const good = otlpPayload([{ service: 'fz-otlp', body: 'x', timeMs: Date.now() }])
  const variants: (() => Req)[] = [
    () => ({ method: 'POST', path: '/v1/logs', headers: { 'content-type': 'application/x-protobuf', authorization: token }, body: Buffer.from(Array.from({ length: Math.floor(r() * 400) }, () => Math.floor(r() * 256))) }),
    () => ({ method: 'POST', path: '/v1/logs', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify(hostileValue(r)) ?? '' }),
    () => {
      const g = structuredClone(good) as any
      g.resourceLogs[0].scopeLogs[0].logRecords[0][pick(r, ['timeUnixNano', 'severityNumber', 'body', 'attributes', 'traceId', 'spanId'])] = hostileValue(r)
      return { method: 'POST', path: '/v1/logs', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify(g) }
    },
    () => ({ method: 'POST', path: '/v1/logs', headers: { 'content-type': 'application/json', 'content-encoding': pick(r, ['gzip', 'br', 'deflate', 'zstd']), authorization: token }, body: Buffer.from('not compressed') }),
    () => ({ method: 'POST', path: '/v1/logs', headers: { 'content-type': pick(r, CONTENT_TYPES), authorization: pick(r, [token, '', 'Bearer', 'Basic abc']) }, body: JSON.stringify(good) }),
  ]
  return variants[i % variants.length]!()
}

describe('hostile input', () => {
  it(`answers ${REQUESTS.toLocaleString('en-US')} generated hostile requests with no 5xx, no hang, and only the error shape`, async () => {
    const r = prng(8)
    const failures: string[] = []
    const statuses = new Map<number, number>()
    let next = 0
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++
        const req = i % 8 === 7 ? generateOtlp(r, i) : generate(r, i)
        let status: number
        let text: string
        try {
          const res = await fetch(s.url + req.path, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined, signal: AbortSignal.timeout(10_000) })
          status = res.status
          text = await res.text()
        } catch (e) {
          failures.push(`${req.method} ${req.path.slice(0, 120)}: ${(e as Error).message}`)
          continue
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (status >= 500) failures.push(`${status} ${req.method} ${req.path.slice(0, 120)} ${String(req.body ?? '').slice(0, 200)} → ${text.slice(0, 300)}`)
        else if (status >= 400) {
          let body: any
          try {
            body = JSON.parse(text)
          } catch {
            failures.push(`${status} not JSON: ${req.method} ${req.path.slice(0, 120)} → ${text.slice(0, 200)}`)
            continue
          }
          const keys = Object.keys(body).sort().join(',')
          if (keys !== 'attr,code,detail,type' || typeof body.detail !== 'string' || typeof body.code !== 'string' || (body.attr !== null && typeof body.attr !== 'string')) {
            failures.push(`${status} bad shape: ${req.method} ${req.path.slice(0, 120)} → ${text.slice(0, 200)}`)
          }
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    expect(failures.slice(0, 20)).toEqual([])
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS)
    // The corpus must actually exercise both refusals and successes.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(REQUESTS / 4)
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50)
    // The server is still healthy and its data intact afterwards.
    const after = await s.api('/api/environments/1/logs/query', { body: { query: { serviceNames: ['fz-0'], limit: 1000 } } })
    expect(after.body.results).toHaveLength(40)
  }, 300_000)
})
