import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { NO_SERVICE } from '../../src/contract/logs'
import { storedRule as rule } from './test-rules'
import type { LogRecord } from '../logs/record'
import { compileRules, compileRulesAt, sampleKey, sampleKeeps, scopeCanMatchService, storedStatus } from './engine'

/** A random 32-hex-digit trace id (randomUUID is much faster than randomBytes). */
const traceId = () => randomUUID().replace(/-/g, '')

function log(over: Partial<LogRecord> = {}): LogRecord {
  return {
    uuid: randomUUID(),
    timestampUs: 0,
    observedUs: 0,
    severityText: 'INFO',
    severityNumber: 9,
    level: 'info',
    serviceName: 'checkout',
    body: 'hello',
    attributes: {},
    resourceAttributes: {},
    traceId: '',
    spanId: '',
    eventName: '',
    bytes: 1024,
    ...over,
  }
}

const dropAll = (fields: Record<string, unknown> = {}) =>
  rule({ rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'drop' }, WARN: { type: 'drop' }, ERROR: { type: 'drop' } } }, ...fields })
const dropPaths = (patterns: string[], fields: Record<string, unknown> = {}, config: Record<string, unknown> = {}) =>
  rule({ rule_type: 'path_drop', config: { patterns, ...config }, ...fields })

describe('no rules / no match', () => {
  it('keeps a log no rule resolves, with ruleId null', () => {
    const set = compileRules([dropPaths(['^/health'])])
    expect(set.evaluate(log({ attributes: { 'http.route': '/api' } }), 0)).toEqual({ action: 'keep', ruleId: null, reason: 'no_rule' })
    expect(compileRules([]).evaluate(log(), 0)).toEqual({ action: 'keep', ruleId: null, reason: 'no_rule' })
  })
})

describe('scope', () => {
  it('matches scope_service exactly', () => {
    const r = dropAll({ scope_service: 'checkout' })
    const set = compileRules([r])
    expect(set.evaluate(log({ serviceName: 'checkout' }), 0)).toMatchObject({ action: 'drop', ruleId: r.id })
    expect(set.evaluate(log({ serviceName: 'checkout-worker' }), 0).action).toBe('keep')
    expect(set.evaluate(log({ serviceName: 'Checkout' }), 0).action).toBe('keep')
  })

  it('reads "(no service)" as the logs without a service', () => {
    const set = compileRules([dropAll({ scope_service: NO_SERVICE })])
    expect(set.evaluate(log({ serviceName: '' }), 0).action).toBe('drop')
    expect(set.evaluate(log({ serviceName: 'checkout' }), 0).action).toBe('keep')
  })

  it('searches scope_path_pattern unanchored in the path; no path is out of scope', () => {
    const set = compileRules([dropAll({ scope_path_pattern: 'internal' })])
    expect(set.evaluate(log({ attributes: { 'url.path': '/api/internal/jobs' } }), 0).action).toBe('drop')
    expect(set.evaluate(log({ attributes: { 'url.path': '/api/public' } }), 0).action).toBe('keep')
    expect(set.evaluate(log(), 0).action).toBe('keep')
  })

  it('takes the path from the first non-empty of url.path, http.path, http.route, path', () => {
    const set = compileRules([dropPaths(['^/chosen$'])])
    const drops = (attributes: Record<string, string>) => set.evaluate(log({ attributes }), 0).action === 'drop'
    expect(drops({ 'url.path': '/chosen', 'http.path': '/other', 'http.route': '/other', path: '/other' })).toBe(true)
    expect(drops({ 'url.path': '', 'http.path': '/chosen', 'http.route': '/other' })).toBe(true)
    expect(drops({ 'http.path': '/other', 'http.route': '/chosen' })).toBe(false)
    expect(drops({ 'http.route': '/chosen', path: '/other' })).toBe(true)
    expect(drops({ path: '/chosen' })).toBe(true)
    expect(drops({ 'http.target': '/chosen' })).toBe(false)
  })

  it('requires every scope attribute filter: eq, ne, exists, not_exists, regex', () => {
    const cases: [Record<string, unknown>, Record<string, string>, boolean][] = [
      [{ key: 'env', op: 'eq', value: 'prod' }, { env: 'prod' }, true],
      [{ key: 'env', op: 'eq', value: 'prod' }, { env: 'dev' }, false],
      [{ key: 'env', op: 'eq', value: 'prod' }, {}, false],
      [{ key: 'env', op: 'ne', value: 'prod' }, { env: 'dev' }, true],
      [{ key: 'env', op: 'ne', value: 'prod' }, {}, true],
      [{ key: 'env', op: 'ne', value: 'prod' }, { env: 'prod' }, false],
      [{ key: 'env', op: 'exists' }, { env: '' }, true],
      [{ key: 'env', op: 'exists' }, {}, false],
      [{ key: 'env', op: 'not_exists' }, {}, true],
      [{ key: 'env', op: 'not_exists' }, { env: 'x' }, false],
      [{ key: 'host', op: 'regex', value: 'web-\\d' }, { host: 'eu-web-3' }, true],
      [{ key: 'host', op: 'regex', value: 'web-\\d' }, { host: 'db-1' }, false],
      [{ key: 'host', op: 'regex', value: '.*' }, {}, false],
    ]
    for (const [filter, attributes, inScope] of cases) {
      const set = compileRules([dropAll({ scope_attribute_filters: [filter] })])
      expect(set.evaluate(log({ attributes }), 0).action, JSON.stringify([filter, attributes])).toBe(inScope ? 'drop' : 'keep')
    }
    const both = compileRules([dropAll({ scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'prod' }, { key: 'debug', op: 'not_exists' }] })])
    expect(both.evaluate(log({ attributes: { env: 'prod' } }), 0).action).toBe('drop')
    expect(both.evaluate(log({ attributes: { env: 'prod', debug: '1' } }), 0).action).toBe('keep')
  })

  it('reads scope attributes from the log attributes, not the resource', () => {
    const set = compileRules([dropAll({ scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'prod' }] })])
    expect(set.evaluate(log({ resourceAttributes: { env: 'prod' } }), 0).action).toBe('keep')
  })

  it('passes an out-of-scope log on to the next rule', () => {
    const scoped = dropAll({ scope_service: 'billing', priority: 0 })
    const next = dropPaths(['^/health'], { priority: 1 })
    const d = compileRules([scoped, next]).evaluate(log({ attributes: { 'url.path': '/health' } }), 0)
    expect(d).toMatchObject({ action: 'drop', ruleId: next.id })
  })
})

describe('always_keep', () => {
  const guarded = (always_keep: Record<string, unknown>) => compileRules([rule({ rule_type: 'severity_sampling', config: { actions: { INFO: { type: 'drop' } }, always_keep } })])

  it('keeps on status_gte from http.status_code or http.response.status_code', () => {
    const set = guarded({ status_gte: 500 })
    expect(set.evaluate(log({ attributes: { 'http.status_code': '503' } }), 0)).toMatchObject({ action: 'keep', reason: 'always_keep' })
    expect(set.evaluate(log({ attributes: { 'http.response.status_code': '500' } }), 0).action).toBe('keep')
    expect(set.evaluate(log({ attributes: { 'http.status_code': '', 'http.response.status_code': '502' } }), 0).action).toBe('keep')
    expect(set.evaluate(log({ attributes: { 'http.status_code': '499' } }), 0).action).toBe('drop')
    expect(set.evaluate(log({ attributes: { 'http.status_code': 'error' } }), 0).action).toBe('drop')
    expect(set.evaluate(log(), 0).action).toBe('drop')
  })

  it('keeps on latency_ms_gt from the first present of latency_ms, duration_ms, http.duration_ms', () => {
    const set = guarded({ latency_ms_gt: 1000 })
    expect(set.evaluate(log({ attributes: { latency_ms: '1500' } }), 0).action).toBe('keep')
    expect(set.evaluate(log({ attributes: { latency_ms: '1000' } }), 0).action).toBe('drop')
    expect(set.evaluate(log({ attributes: { duration_ms: '2000.5' } }), 0).action).toBe('keep')
    expect(set.evaluate(log({ attributes: { 'http.duration_ms': '1001' } }), 0).action).toBe('keep')
    // The first present one decides, even when a later key would have matched.
    expect(set.evaluate(log({ attributes: { latency_ms: '5', duration_ms: '5000' } }), 0).action).toBe('drop')
  })

  it('keeps on attribute predicates exists / eq / ne', () => {
    expect(guarded({ attribute_predicates: [{ key: 'keep_me', op: 'exists' }] }).evaluate(log({ attributes: { keep_me: '' } }), 0).action).toBe('keep')
    const eq = guarded({ attribute_predicates: [{ key: 'tier', op: 'eq', value: 'gold' }] })
    expect(eq.evaluate(log({ attributes: { tier: 'gold' } }), 0).action).toBe('keep')
    expect(eq.evaluate(log({ attributes: { tier: 'free' } }), 0).action).toBe('drop')
    const ne = guarded({ attribute_predicates: [{ key: 'tier', op: 'ne', value: 'free' }] })
    expect(ne.evaluate(log({ attributes: { tier: 'gold' } }), 0).action).toBe('keep')
    expect(ne.evaluate(log({ attributes: { tier: 'free' } }), 0).action).toBe('drop')
  })

  it('keeps when any one condition holds', () => {
    const set = guarded({ status_gte: 500, latency_ms_gt: 1000 })
    expect(set.evaluate(log({ attributes: { 'http.status_code': '200', latency_ms: '3000' } }), 0).action).toBe('keep')
    expect(set.evaluate(log({ attributes: { 'http.status_code': '500', latency_ms: '3' } }), 0).action).toBe('keep')
    expect(set.evaluate(log({ attributes: { 'http.status_code': '200', latency_ms: '3' } }), 0).action).toBe('drop')
  })

  it('stops evaluation: a later rule never sees a kept log', () => {
    const first = dropPaths(['^/x'], { priority: 0 }, { always_keep: { status_gte: 500 } })
    const second = dropAll({ priority: 1 })
    const d = compileRules([first, second]).evaluate(log({ attributes: { 'url.path': '/y', 'http.status_code': '500' } }), 0)
    expect(d).toEqual({ action: 'keep', ruleId: first.id, reason: 'always_keep' })
  })
})

describe('storedStatus (the status column always_keep reads in SQL)', () => {
  it('compares with every whole status_gte bound exactly as the parsed status does', () => {
    const values = [NaN, -Infinity, Infinity, -1e12, 1e12, 2 ** 31, -(2 ** 31) - 0.5, 0, 99.999, 100, 404.2, 499.5, 499.9999, 500, 500.0001, 503.7, 599, 599.5, 600, 1e300]
    for (const v of values) {
      const stored = storedStatus(v)
      if (Number.isNaN(v)) expect(stored).toBeNull()
      else expect(Number.isInteger(stored) && stored! >= -(2 ** 31) && stored! <= 2 ** 31 - 1, String(v)).toBe(true)
      for (let k = 100; k <= 599; k++) expect(stored !== null && stored >= k, `${v} >= ${k}`).toBe(v >= k)
    }
  })
})

describe('path_drop', () => {
  it('drops when any pattern matches the path, else goes on', () => {
    const r = dropPaths(['^/health$', '^/ready'])
    const set = compileRules([r])
    expect(set.evaluate(log({ attributes: { 'url.path': '/ready/db' } }), 0)).toEqual({ action: 'drop', ruleId: r.id, reason: 'pattern' })
    expect(set.evaluate(log({ attributes: { 'url.path': '/healthz' } }), 0).action).toBe('keep')
  })

  it('matches the match_attribute_key attribute instead of the path when set', () => {
    const set = compileRules([dropPaths(['^kube-probe'], {}, { match_attribute_key: 'user_agent' })])
    expect(set.evaluate(log({ attributes: { user_agent: 'kube-probe/1.29', 'url.path': '/api' } }), 0).action).toBe('drop')
    expect(set.evaluate(log({ attributes: { 'url.path': 'kube-probe' } }), 0).action).toBe('keep')
  })

  it('drops when the filter group matches', () => {
    const r = rule({
      rule_type: 'path_drop',
      config: { filter_group: { type: 'AND', values: [{ key: 'message', type: 'log', operator: 'icontains', value: 'heartbeat' }] } },
    })
    const set = compileRules([r])
    expect(set.evaluate(log({ body: 'Heartbeat OK' }), 0)).toEqual({ action: 'drop', ruleId: r.id, reason: 'filter' })
    expect(set.evaluate(log({ body: 'order placed' }), 0).action).toBe('keep')
  })
})

describe('severity_sampling', () => {
  it('applies keep / drop per normalised level; a missing level keeps', () => {
    const r = rule({ rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' }, WARN: { type: 'keep' } } } })
    const set = compileRules([r, dropAll({ priority: 1000 })])
    expect(set.evaluate(log({ level: 'debug' }), 0)).toEqual({ action: 'drop', ruleId: r.id, reason: 'level_drop' })
    expect(set.evaluate(log({ level: 'warn' }), 0)).toEqual({ action: 'keep', ruleId: r.id, reason: 'level_keep' })
    // Always resolves: the later drop-all rule never sees INFO or ERROR.
    expect(set.evaluate(log({ level: 'info' }), 0)).toEqual({ action: 'keep', ruleId: r.id, reason: 'level_keep' })
    expect(set.evaluate(log({ level: 'error' }), 0)).toMatchObject({ action: 'keep', ruleId: r.id })
  })

  it('decides every log of one trace alike', () => {
    const set = compileRules([rule({ rule_type: 'severity_sampling', config: { actions: { INFO: { type: 'sample', rate: 0.5 } } } })])
    for (let t = 0; t < 200; t++) {
      const id = traceId()
      const actions = new Set(Array.from({ length: 8 }, () => set.evaluate(log({ traceId: id }), 0).action))
      expect(actions.size).toBe(1)
    }
  })

  it('hashes the uuid when there is no trace id', () => {
    const set = compileRules([rule({ rule_type: 'severity_sampling', config: { actions: { INFO: { type: 'sample', rate: 0.5 } } } })])
    const decisions = Array.from({ length: 400 }, () => {
      const l = log()
      const d = set.evaluate(l, 0)
      expect(d.action === 'keep').toBe(sampleKey(l.uuid) / 0xffffffff < 0.5)
      return d.action
    })
    // Per log, not one fate for every trace-less log.
    expect(new Set(decisions).size).toBe(2)
  })

  it('keeps a fraction within ±1 % of the rate over 100k random trace ids', () => {
    for (const rate of [0.1, 0.5]) {
      let kept = 0
      const n = 100_000
      for (let i = 0; i < n; i++) if (sampleKeeps(traceId(), '', rate)) kept++
      expect(Math.abs(kept / n - rate)).toBeLessThan(0.01)
    }
  })

  it('follows the documented formula: first 4 bytes of sha256, big-endian, / 0xFFFFFFFF', () => {
    // sha256("abc") starts ba7816bf → 3128432319 / 4294967295 ≈ 0.72838.
    expect(sampleKeeps('abc', '', 0.7284)).toBe(true)
    expect(sampleKeeps('abc', '', 0.7283)).toBe(false)
    // A log without a trace: the same formula over its uuid (hashed without the trace-id cache).
    expect(sampleKeeps('', 'abc', 0.7284)).toBe(true)
    expect(sampleKeeps('', 'abc', 0.7283)).toBe(false)
    // Another key in between must not leave a stale answer behind.
    sampleKeeps(traceId(), '', 0.5)
    expect(sampleKeeps('abc', '', 0.7283)).toBe(false)
    expect(sampleKeeps('abc', '', 0.7284)).toBe(true)
  })

  it('treats rate 0 as drop-all and rate 1 as keep-all', () => {
    for (let i = 0; i < 1000; i++) {
      const id = traceId()
      expect(sampleKeeps(id, '', 0)).toBe(false)
      expect(sampleKeeps(id, '', 1)).toBe(true)
    }
  })

  it('reports sampled decisions with their reason', () => {
    const r = rule({ rule_type: 'severity_sampling', config: { actions: { INFO: { type: 'sample', rate: 0.7284 } } } })
    expect(compileRules([r]).evaluate(log({ traceId: 'abc' }), 0)).toEqual({ action: 'keep', ruleId: r.id, reason: 'sampled_in' })
    const r2 = rule({ rule_type: 'severity_sampling', config: { actions: { INFO: { type: 'sample', rate: 0.7283 } } } })
    expect(compileRules([r2]).evaluate(log({ traceId: 'abc' }), 0)).toEqual({ action: 'drop', ruleId: r2.id, reason: 'sampled_out' })
  })
})

describe('rate_limit', () => {
  it('lets a burst through, then the steady rate, over simulated time', () => {
    const r = rule({ rule_type: 'rate_limit', config: { logs_per_second: 10, burst_logs: 20 } })
    const set = compileRules([r])
    const keptIn = (from: number, count: number, stepMs: number) => {
      let kept = 0
      for (let i = 0; i < count; i++) if (set.evaluate(log(), from + i * stepMs).action === 'keep') kept++
      return kept
    }
    // 100 logs at one instant: the burst of 20 passes, the rest is over the bucket.
    expect(keptIn(0, 100, 0)).toBe(20)
    // 10 s at 100 logs/s: the bucket refills 10/s, so about 100 of 1000 pass.
    const steady = keptIn(1, 1000, 10)
    expect(steady).toBeGreaterThanOrEqual(99)
    expect(steady).toBeLessThanOrEqual(101)
    // After a quiet minute the bucket is full again, but never above the burst.
    expect(keptIn(70_000, 100, 0)).toBe(20)
  })

  it('reports over-the-bucket drops and in-rate keeps with the rule id', () => {
    const r = rule({ rule_type: 'rate_limit', config: { logs_per_second: 1, burst_logs: 1 } })
    const set = compileRules([r, dropAll({ priority: 1000 })])
    expect(set.evaluate(log(), 0)).toEqual({ action: 'keep', ruleId: r.id, reason: 'under_rate' })
    expect(set.evaluate(log(), 0)).toEqual({ action: 'drop', ruleId: r.id, reason: 'over_rate' })
  })

  it('defaults the burst to 3× the rate', () => {
    const set = compileRules([rule({ rule_type: 'rate_limit', config: { logs_per_second: 5 } })])
    let kept = 0
    for (let i = 0; i < 50; i++) if (set.evaluate(log(), 0).action === 'keep') kept++
    expect(kept).toBe(15)
  })

  it('counts kilobytes for kb_per_second', () => {
    const set = compileRules([rule({ rule_type: 'rate_limit', config: { kb_per_second: 10, burst_kb: 10 } })])
    // 2 KB logs: five fit in a 10 KB bucket.
    const results = Array.from({ length: 8 }, () => set.evaluate(log({ bytes: 2048 }), 0).action)
    expect(results.filter((a) => a === 'keep')).toHaveLength(5)
    // Half a second refills 5 KB: two more 2 KB logs.
    const later = Array.from({ length: 4 }, () => set.evaluate(log({ bytes: 2048 }), 500).action)
    expect(later.filter((a) => a === 'keep')).toHaveLength(2)
  })

  it('does not refill when time goes backwards', () => {
    const set = compileRules([rule({ rule_type: 'rate_limit', config: { logs_per_second: 1, burst_logs: 1 } })])
    expect(set.evaluate(log(), 10_000).action).toBe('keep')
    expect(set.evaluate(log(), 0).action).toBe('drop')
    expect(set.evaluate(log(), 10_500).action).toBe('drop')
    expect(set.evaluate(log(), 11_000).action).toBe('keep')
  })

  it('only limits logs that match its filter group; others go to the next rule', () => {
    const r = rule({
      rule_type: 'rate_limit',
      config: { logs_per_second: 1, burst_logs: 1, filter_group: [{ key: 'noisy', type: 'log_attribute', operator: 'is_set' }] },
    })
    const set = compileRules([r])
    expect(set.evaluate(log(), 0)).toMatchObject({ action: 'keep', ruleId: null })
    expect(set.evaluate(log({ attributes: { noisy: '1' } }), 0)).toMatchObject({ action: 'keep', ruleId: r.id })
    expect(set.evaluate(log({ attributes: { noisy: '1' } }), 0)).toMatchObject({ action: 'drop', ruleId: r.id })
  })

  it('keeps bucket levels across a recompile when the limits did not change', () => {
    const r = rule({ rule_type: 'rate_limit', config: { logs_per_second: 1, burst_logs: 2 } })
    const first = compileRules([r])
    first.evaluate(log(), 0)
    first.evaluate(log(), 0)
    const other = dropPaths(['^/x'])
    const second = compileRules([r, other], first)
    expect(second.evaluate(log(), 0).action).toBe('drop')
    const changed = compileRules([rule({ ...r, config: { logs_per_second: 1, burst_logs: 3 } })], second)
    expect(changed.evaluate(log(), 0).action).toBe('keep')
  })
})

describe('rate-limit buckets in shared memory', () => {
  const cap = (burst: number) => rule({ rule_type: 'rate_limit', config: { logs_per_second: 1, burst_logs: burst } })
  const kept = (set: ReturnType<typeof compileRules>, n: number) => Array.from({ length: n }, () => set.evaluate(log(), 0).action).filter((a) => a === 'keep').length

  it('is one bucket for the set and its copy on another thread (compileRulesAt)', () => {
    const r = cap(10)
    const here = compileRules([r])
    const there = compileRulesAt(here.rules, here.placement)
    expect(kept(here, 4)).toBe(4)
    expect(kept(there, 10)).toBe(6)
    expect(kept(here, 1)).toBe(0)
  })

  it('carries bucket levels into a bigger store when a set outgrows its own', () => {
    const r = cap(5)
    const first = compileRules([r])
    expect(kept(first, 3)).toBe(3)
    const many = Array.from({ length: 200 }, () => cap(1))
    const grown = compileRules([r, ...many], first)
    expect(grown.placement.buffer).not.toBe(first.placement.buffer)
    // Two tokens were left in the old store: two logs pass, then the bucket is dry.
    expect(kept(grown, 5)).toBe(2)
  })

  it('goes ahead when a slot stays locked (a worker terminated inside a take) instead of spinning forever', () => {
    const r = cap(2)
    const set = compileRules([r])
    const slot = set.placement.slots[r.id]!
    // The lock words follow the levels (BucketStore): hold this slot's, as a dead holder would.
    new Int32Array(set.store.buffer, set.store.slots * 16, set.store.slots)[slot] = 1
    expect(kept(set, 3)).toBe(2)
  })

  it('frees the slots of buckets that are gone, and a new bucket starts full', () => {
    const a = cap(3)
    const first = compileRules([a])
    expect(kept(first, 3)).toBe(3)
    const free = first.store.free()
    const without = compileRules([], first)
    expect(without.store.free()).toBe(free + 1)
    // The freed slot is reused, refilled to the new rule's burst.
    const b = cap(4)
    const next = compileRules([b], without)
    expect(next.placement.slots[b.id]).toBe(first.placement.slots[a.id])
    expect(kept(next, 6)).toBe(4)
  })
})

describe('ordering', () => {
  it('runs rules by priority, then created_at: the first that resolves wins', () => {
    const late = dropPaths(['^/a'], { priority: 5, created_at: '2026-01-01T00:00:00.000Z' })
    const early = dropPaths(['^/a'], { priority: 1, created_at: '2026-03-01T00:00:00.000Z' })
    expect(compileRules([late, early]).evaluate(log({ attributes: { 'url.path': '/a' } }), 0).ruleId).toBe(early.id)

    const older = dropPaths(['^/b'], { priority: 2, created_at: '2026-01-01T00:00:00.000Z' })
    const newer = dropPaths(['^/b'], { priority: 2, created_at: '2026-01-02T00:00:00.000Z' })
    expect(compileRules([newer, older]).evaluate(log({ attributes: { 'url.path': '/b' } }), 0).ruleId).toBe(older.id)
    expect(compileRules([newer, older]).rules.map((r) => r.id)).toEqual([older.id, newer.id])
  })

  it('ignores disabled rules', () => {
    const off = dropAll({ enabled: false, priority: 0 })
    const on = dropPaths(['^/a'], { priority: 1 })
    const set = compileRules([off, on])
    expect(set.rules.map((r) => r.id)).toEqual([on.id])
    expect(set.evaluate(log(), 0)).toMatchObject({ action: 'keep', ruleId: null })
    expect(set.evaluate(log({ attributes: { 'url.path': '/a' } }), 0)).toMatchObject({ action: 'drop', ruleId: on.id })
  })
})

describe('scopeCanMatchService', () => {
  it('is true for enabled rules with no service scope or the same service', () => {
    expect(scopeCanMatchService(dropAll(), 'anything')).toBe(true)
    expect(scopeCanMatchService(dropAll({ scope_service: 'checkout' }), 'checkout')).toBe(true)
    expect(scopeCanMatchService(dropAll({ scope_service: 'checkout' }), 'billing')).toBe(false)
    expect(scopeCanMatchService(dropAll({ enabled: false }), 'checkout')).toBe(false)
    expect(scopeCanMatchService(dropAll({ scope_service: NO_SERVICE }), '')).toBe(true)
  })
})

describe('throughput', () => {
  it('evaluates at least 100k logs/s through a realistic rule set', () => {
    const set = compileRules([
      dropPaths(['^/health', '^/ready', '^/metrics'], { priority: 0 }),
      rule({ rule_type: 'severity_sampling', priority: 1, scope_service: 'checkout', config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.2 } }, always_keep: { status_gte: 500 } } }),
      rule({ rule_type: 'rate_limit', priority: 2, config: { logs_per_second: 1000 } }),
    ])
    const logs = Array.from({ length: 1000 }, (_, i) =>
      log({ serviceName: i % 2 ? 'checkout' : 'billing', traceId: traceId(), attributes: { 'url.path': i % 10 ? '/api/cart' : '/health', 'http.status_code': '200' } }),
    )
    // Best of three rounds, so a busy shared machine does not fail the test; the target is 100k/s.
    let perSecond = 0
    for (let round = 0; round < 3; round++) {
      const n = 100_000
      const start = performance.now()
      for (let i = 0; i < n; i++) set.evaluate(logs[i % 1000]!, round * n + i)
      perSecond = Math.max(perSecond, n / ((performance.now() - start) / 1000))
    }
    expect(perSecond).toBeGreaterThan(100_000)
  })
})
