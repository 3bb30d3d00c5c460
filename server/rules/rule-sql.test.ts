import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Rule } from '../../src/contract/rules'
import { storedRule as rule } from './test-rules'
import type { LogRecord } from '../logs/record'
import { Db, Params } from '../store/db'
import { writeBatch } from '../store/ingest-writes'
import { NO_RESOLVER, NO_RULE_SET } from '../store/rule-sets'
import { compileRules } from './engine'
import { storedAttributeKeys } from '../store/rules'
import { jsonKeysOf, Outcome, outcomesSql, RuleSql, sampleDropThreshold } from './rule-sql'
import { generateLogs } from './test-logs'

/**
 * The SQL twin must decide every stored log exactly as the engine decides the same log at ingest.
 * These tests store a varied batch, then for many (rules ahead, target) pairs compare, per uuid,
 * the CASE outcome with what `compileRules(...).evaluate` says.
 */

let dir: string
let db: Db
let logs: LogRecord[]
const ENV = 1
const T0 = Date.UTC(2026, 0, 1)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-rule-sql-'))
  db = await Db.open({ dataDir: dir, memoryLimit: '512MB' })
  logs = generateLogs({ count: 4000, startMs: T0, spanMs: 10 * 60_000, seed: 7 })
  await writeBatch(db, [{ envId: ENV, records: logs }], [])
})
afterAll(() => {
  db?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const leaf = (type: string, key: string, operator: string, value?: unknown) => ({ type, key, operator, value })

/** Rules covering every scope op, every always_keep condition, every action and filter operator. */
const RULES: Rule[] = [
  rule({ rule_type: 'path_drop', config: { patterns: ['^/health$'], always_keep: { status_gte: 500 } } }),
  rule({
    rule_type: 'severity_sampling',
    scope_service: 'checkout',
    config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.3 }, WARN: { type: 'sample', rate: 0.7 } }, always_keep: { latency_ms_gt: 2500 } },
  }),
  rule({
    rule_type: 'path_drop',
    scope_attribute_filters: [{ key: 'tenant', op: 'eq', value: 'free' }],
    config: { patterns: ['^/api/v1/search'], filter_group: { type: 'AND', values: [leaf('log', 'message', 'icontains', 'CACHE')] } },
  }),
  rule({ rule_type: 'rate_limit', scope_service: 'search', config: { logs_per_second: 2, burst_logs: 4, filter_group: { type: 'OR', values: [leaf('log', 'level', 'exact', ['info', 'debug'])] } } }),
  rule({
    rule_type: 'severity_sampling',
    scope_path_pattern: '^/api',
    config: { actions: { DEBUG: { type: 'sample', rate: 0.1 }, INFO: { type: 'sample', rate: 0.5 }, ERROR: { type: 'sample', rate: 1 } }, always_keep: { attribute_predicates: [{ key: 'keep', op: 'exists' }] } },
  }),
  rule({ rule_type: 'path_drop', config: { patterns: ['bot'], match_attribute_key: 'user_agent' } }),
  rule({ rule_type: 'rate_limit', scope_service: 'billing', config: { kb_per_second: 1 } }),
  rule({ rule_type: 'severity_sampling', scope_service: '(no service)', config: { actions: { INFO: { type: 'sample', rate: 0 }, WARN: { type: 'drop' } } } }),
  rule({
    rule_type: 'path_drop',
    scope_attribute_filters: [
      { key: 'tenant', op: 'ne', value: 'pro' },
      { key: 'user_agent', op: 'not_exists' },
      { key: 'http.status_code', op: 'regex', value: '^[25]' },
    ],
    config: { patterns: ['^/internal', 'users/\\d+$'], always_keep: { attribute_predicates: [{ key: 'tenant', op: 'ne', value: 'free' }, { key: 'http.status_code', op: 'eq', value: '503' }] } },
  }),
  rule({
    rule_type: 'path_drop',
    scope_attribute_filters: [{ key: 'latency_ms', op: 'exists' }],
    config: {
      filter_group: {
        type: 'OR',
        values: [
          { type: 'AND', values: [leaf('log_attribute', 'latency_ms', 'gt', 1000), leaf('log_attribute', 'tenant', 'is_not', ['pro'])] },
          { type: 'AND', values: [leaf('log', 'message', 'not_regex', '^slow'), leaf('log_attribute', 'http.status_code', 'lt', 300)] },
          { type: 'AND', values: [leaf('log_resource_attribute', 'service.name', 'exact', 'auth'), leaf('log_attribute', 'user_agent', 'is_not_set')] },
        ],
      },
    },
  }),
  rule({ rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'sample', rate: 0.25 }, INFO: { type: 'sample', rate: 0.9 }, WARN: { type: 'keep' } }, always_keep: { status_gte: 404, latency_ms_gt: 100 } } }),
]

/** A rule with the target's scope that resolves (keeps) every log in it: tells the engine's "reached and in scope". */
function probeFor(target: Rule): Rule {
  return rule({
    priority: target.priority,
    created_at: target.created_at,
    scope_service: target.scope_service,
    scope_path_pattern: target.scope_path_pattern,
    scope_attribute_filters: target.scope_attribute_filters,
    rule_type: 'severity_sampling',
    config: { actions: {} },
  })
}

/** Per uuid, the outcome the engine gives the target behind `ahead`. */
function engineOutcomes(ahead: Rule[], target: Rule, batch: LogRecord[] = logs): Map<string, number> {
  const withTarget = compileRules([...ahead, target])
  const probe = probeFor(target)
  const withProbe = compileRules([...ahead, probe])
  const out = new Map<string, number>()
  for (const log of batch) {
    const nowMs = log.timestampUs / 1000
    if (withProbe.evaluate(log, nowMs).ruleId !== probe.id) {
      out.set(log.uuid, Outcome.notReached)
      continue
    }
    const d = withTarget.evaluate(log, nowMs)
    if (target.rule_type === 'rate_limit') out.set(log.uuid, d.ruleId === target.id ? Outcome.metered : Outcome.kept)
    else out.set(log.uuid, d.ruleId === target.id && d.action === 'drop' ? Outcome.dropped : Outcome.kept)
  }
  return out
}

/**
 * Per uuid, the outcome as simulate computes it (`outcomesSql`): the logs it returns with their
 * decision, every other log not reached. With `catalog`, keys missing from the attribute-key
 * catalog are read as absent without touching the JSON (what simulate does); without, every key is
 * read from the text.
 */
async function sqlOutcomes(ahead: Rule[], target: Rule, env = ENV, catalog = true, taggedSets: number[] = []): Promise<Map<string, number>> {
  const keys = catalog ? await storedAttributeKeys(db, env, jsonKeysOf([...ahead, target]), { fromUs: 0, toUs: Date.now() * 1000 }) : null
  const out = new Map<string, number>()
  for (const r of await db.all(`SELECT uuid::VARCHAR AS uuid FROM logs WHERE env_id = ${env}`)) out.set(r.uuid as string, Outcome.notReached)
  const p = new Params()
  const sql = outcomesSql(p, keys, ahead, target, { where: `env_id = ${p.add(env)}`, columns: 'uuid::VARCHAR AS uuid' }, taggedSets)
  if (sql) for (const r of await db.all(sql, p)) out.set(r.uuid as string, r.d as number)
  return out
}

function expectSame(sql: Map<string, number>, engine: Map<string, number>, label: string, batch: LogRecord[] = logs) {
  expect(sql.size).toBe(batch.length)
  const differing = [...engine].filter(([uuid, d]) => sql.get(uuid) !== d)
  const sample = differing.slice(0, 3).map(([uuid, d]) => ({ expected: d, sql: sql.get(uuid), log: batch.find((l) => l.uuid === uuid) }))
  expect(sample, label).toEqual([])
}

describe('outcomesSql ≡ engine, per stored log', () => {
  it('agrees for every rule on its own, with and without the key catalog', async () => {
    for (const target of RULES) {
      expectSame(await sqlOutcomes([], target), engineOutcomes([], target), target.name)
      expectSame(await sqlOutcomes([], target, ENV, false), engineOutcomes([], target), `${target.name} without catalog`)
    }
  })

  it('agrees for every rule behind all the rules before it (first match wins)', async () => {
    for (let i = 1; i < RULES.length; i++) {
      const ahead = RULES.slice(0, i)
      expectSame(await sqlOutcomes(ahead, RULES[i]!), engineOutcomes(ahead, RULES[i]!), RULES[i]!.name)
    }
  })

  it('agrees behind rate limits whatever their buckets decide, and with the order reversed', async () => {
    // Without the last rule: unscoped, it would resolve every log first and leave nothing to compare.
    const reversed = RULES.slice(0, -1).reverse().map((r, i) => ({ ...r, priority: i }))
    for (let i = 1; i < reversed.length; i++) {
      const ahead = reversed.slice(0, i)
      expectSame(await sqlOutcomes(ahead, reversed[i]!), engineOutcomes(ahead, reversed[i]!), reversed[i]!.name)
    }
  })

  it('leaves out the services a rule ahead resolves wholly, and answers nothing for a target inside one', async () => {
    const wholly = RULES.find((r) => r.rule_type === 'severity_sampling' && r.scope_service === 'checkout')!
    const p = new Params()
    const behind = outcomesSql(p, null, [wholly], RULES[0]!, { where: 'true', columns: 'uuid' })
    expect(behind).toContain('service_name NOT IN')
    expect(p.values).toContain('checkout')
    const inside = rule({ rule_type: 'path_drop', scope_service: 'checkout', config: { patterns: ['.'] } })
    expect(outcomesSql(new Params(), null, [wholly], inside, { where: 'true', columns: 'uuid' })).toBeNull()
    expect([...engineOutcomes([wholly], inside).values()].every((d) => d === Outcome.notReached)).toBe(true)
    expect(logs.some((l) => l.serviceName === 'checkout')).toBe(true)
  })

  it('exercises every outcome, so the agreement is not vacuous', async () => {
    const seen = new Set<number>()
    for (let i = 0; i < RULES.length; i++) for (const d of (await sqlOutcomes(RULES.slice(0, i), RULES[i]!)).values()) seen.add(d)
    expect([...seen].sort()).toEqual([Outcome.notReached, Outcome.kept, Outcome.dropped, Outcome.metered])
  })
})

describe('rule-set tags', () => {
  const SET = 99
  /** Tags the logs of ENV whose uuid hashes even with RULES as set SET (the others stay untagged), as retag.ts does. */
  async function tagHalf(resolver?: string) {
    const p = new Params()
    const expr = resolver ?? new RuleSql(p).firstResolver(RULES, NO_RESOLVER)
    await db.all(`UPDATE logs SET rule_set = CASE WHEN hash(uuid) % 2 = 0 THEN ${SET} ELSE ${NO_RULE_SET} END, resolver = ${expr} WHERE env_id = ${p.add(ENV)}`, p)
  }
  afterAll(() => db.all(`UPDATE logs SET rule_set = ${NO_RULE_SET}, resolver = ${NO_RESOLVER}`))

  it("firstResolver is the position of the engine's deciding rule, for every log", async () => {
    // Without the last rule (unscoped, it resolves whatever reaches it) some logs reach no rule at all.
    for (const rules of [RULES, RULES.slice(0, -1)]) {
      const p = new Params()
      const rows = await db.all(`SELECT uuid::VARCHAR AS uuid, ${new RuleSql(p).firstResolver(rules, NO_RESOLVER)} AS r FROM logs WHERE env_id = ${p.add(ENV)}`, p)
      const set = compileRules(rules)
      const expected = new Map(logs.map((l) => [l.uuid, set.evaluate(l, l.timestampUs / 1000).ruleId]))
      const seen = new Set<number>()
      for (const row of rows) {
        const ruleId = expected.get(row.uuid as string)
        expect(row.r, row.uuid as string).toBe(ruleId === null ? NO_RESOLVER : set.positions.get(ruleId!))
        seen.add(row.r as number)
      }
      expect(seen.size).toBeGreaterThan(rules.length / 2)
      expect(seen.has(NO_RESOLVER)).toBe(rules.length < RULES.length)
    }
  })

  it('gives every target behind the rules ahead the same outcomes from tags as from evaluating them, with tagged and untagged logs mixed', async () => {
    await tagHalf()
    const [{ tagged }] = (await db.all(`SELECT count_if(rule_set = ${SET})::INTEGER AS tagged FROM logs WHERE env_id = ${ENV}`)) as [{ tagged: number }]
    expect(tagged).toBeGreaterThan(logs.length / 3)
    expect(tagged).toBeLessThan((logs.length * 2) / 3)
    for (let i = 1; i < RULES.length; i++) {
      const ahead = RULES.slice(0, i)
      expectSame(await sqlOutcomes(ahead, RULES[i]!, ENV, true, [SET]), engineOutcomes(ahead, RULES[i]!), `${RULES[i]!.name} (tags)`)
    }
    // A draft after all of them, as the editor simulates one.
    const draft = rule({ rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.5 } } } })
    expectSame(await sqlOutcomes(RULES, draft, ENV, true, [SET]), engineOutcomes(RULES, draft), 'draft (tags)')
  })

  it('really reads the tags: wrong ones change the answer', async () => {
    await tagHalf(String(NO_RESOLVER))
    const ahead = RULES.slice(0, 3)
    const target = RULES[3]!
    const engine = engineOutcomes(ahead, target)
    const sql = await sqlOutcomes(ahead, target, ENV, true, [SET])
    expect([...engine].filter(([uuid, d]) => sql.get(uuid) !== d).length).toBeGreaterThan(0)
    // …and sets not opening with the rules ahead are not used at all.
    expectSame(await sqlOutcomes(ahead, target, ENV, true, []), engine, `${target.name} without tags`)
  })
})

describe('sampleDropThreshold', () => {
  it('is the first key the engine samples out, for any rate', () => {
    const rates = [1e-10, 0.001, 0.1, 0.25, 0.3, 0.5, 0.7, 0.9, 0.999999, 1 - 1e-12, ...Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 10007) / 10007)]
    for (const rate of rates.filter((r) => r > 0 && r < 1)) {
      const k = sampleDropThreshold(rate)
      expect((k - 1) / 0xffffffff < rate, String(rate)).toBe(true)
      expect(k / 0xffffffff >= rate, String(rate)).toBe(true)
    }
  })
})

describe('RuleSql.matches', () => {
  it('is true for the logs in scope that the rule would act on, ignoring other rules', async () => {
    for (const target of RULES) {
      const p = new Params()
      const row = await db.one(`SELECT count_if(${new RuleSql(p).matches(target)})::INTEGER AS n FROM logs WHERE env_id = ${p.add(ENV)}`, p)
      const probe = probeFor(target)
      const inScope = compileRules([probe])
      const acts = (l: LogRecord) => {
        if (inScope.evaluate(l, 0).ruleId !== probe.id) return false
        if (target.rule_type !== 'path_drop') {
          const metered = compileRules([{ ...target, rule_type: 'rate_limit', config: { logs_per_second: 1_000_000, filter_group: target.rule_type === 'rate_limit' ? target.config.filter_group : undefined } } as Rule])
          return metered.evaluate(l, 0).ruleId === target.id
        }
        return compileRules([{ ...target, config: { ...target.config, always_keep: undefined } }]).evaluate(l, 0).action === 'drop'
      }
      expect(row!.n, target.name).toBe(logs.filter(acts).length)
    }
  })
})

describe('attribute lookups', () => {
  const ENV2 = 2
  let odd: LogRecord[]
  const attributeSets: Record<string, string>[] = [
    { 'a"b': 'x' },
    { note: '"latency_ms" is slow' },
    { latency_ms: '3000' },
    { duration_ms: '', 'http.duration_ms': '2500' },
    { toString: '1' },
    { 'http.route': '/health', 'user_agent.original': 'kube-probe/1.31' },
    {},
  ]

  beforeAll(async () => {
    odd = attributeSets.map((attributes, i) => ({ ...logs[i]!, uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, attributes }))
    await writeBatch(db, [{ envId: ENV2, records: odd }], [])
  })

  it('reads keys with quotes, keys named like object members, and keys quoted inside values as the engine does', async () => {
    const rules = [
      rule({ rule_type: 'path_drop', scope_attribute_filters: [{ key: 'a"b', op: 'eq', value: 'x' }], config: { patterns: ['.'], match_attribute_key: 'a"b' } }),
      rule({ rule_type: 'path_drop', config: { patterns: ['^1$'], match_attribute_key: 'toString' } }),
      rule({ rule_type: 'severity_sampling', scope_attribute_filters: [{ key: 'constructor', op: 'not_exists' }], config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'drop' }, WARN: { type: 'drop' }, ERROR: { type: 'drop' } }, always_keep: { latency_ms_gt: 2000 } } }),
      rule({ rule_type: 'path_drop', config: { patterns: ['^kube-probe/'], match_attribute_key: 'user_agent.original' } }),
      // Keys no stored log has: the catalog turns them into constants next to parameters.
      rule({ rule_type: 'path_drop', scope_service: 'checkout', scope_attribute_filters: [{ key: 'absent.key', op: 'exists' }], config: { patterns: ['.'] } }),
      rule({ rule_type: 'path_drop', scope_attribute_filters: [{ key: 'absent.key', op: 'not_exists' }, { key: 'absent.other', op: 'ne', value: 'x' }], config: { patterns: ['^/'], always_keep: { latency_ms_gt: 2000, attribute_predicates: [{ key: 'absent.key', op: 'eq', value: 'y' }] } } }),
      rule({ rule_type: 'severity_sampling', scope_attribute_filters: [{ key: 'absent.key', op: 'regex', value: '.' }], config: { actions: { INFO: { type: 'drop' } } } }),
    ]
    for (const target of rules) {
      expectSame(await sqlOutcomes([], target, ENV2), engineOutcomes([], target, odd), target.name, odd)
      const ahead = rules.slice(-3).filter((r) => r !== target).map((r, i) => ({ ...r, priority: i }))
      const last = { ...target, priority: 100 }
      expectSame(await sqlOutcomes(ahead, last, ENV2), engineOutcomes(ahead, last, odd), `${target.name} behind`, odd)
    }
  })
})

