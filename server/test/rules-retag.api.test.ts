import { afterEach, describe, expect, it } from 'vitest'
import type { SimulateResponse } from '../../src/contract/rules'
import { compileRules, ruleMeaning } from '../rules/engine'
import { generateLogs } from '../rules/test-logs'
import { NO_RESOLVER, NO_RULE_SET, ruleSetId } from '../store/rule-sets'
import { listRules } from '../store/rules'
import { startTestServer, type TestServer } from './support/server'

/**
 * The rule-set tags end to end: ingestion records, per stored log, which rule of the enabled set
 * resolved it; a rule change re-evaluates the logs already stored (server/rules/retag.ts); and a
 * simulation reading the tags answers exactly what it answers evaluating every rule.
 */

const R = '/api/environments/1/logs/sampling_rules'
const MIN = 60_000
const DAY_US = 86_400_000_000
const leaf = (type: string, key: string, operator: string, value?: unknown) => ({ type, key, operator, value })

const RULES = [
  { name: 'health checks', rule_type: 'path_drop', config: { patterns: ['^/health$'], always_keep: { status_gte: 500 } } },
  { name: 'search cap', rule_type: 'rate_limit', scope_service: 'search', config: { logs_per_second: 5, filter_group: { type: 'AND', values: [leaf('log', 'level', 'exact', ['info'])] } } },
  {
    name: 'checkout levels',
    rule_type: 'severity_sampling',
    scope_service: 'checkout',
    config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.3 } }, always_keep: { latency_ms_gt: 2500 } },
  },
  { name: 'free tenant', rule_type: 'path_drop', scope_attribute_filters: [{ key: 'tenant', op: 'eq', value: 'free' }], config: { patterns: ['^/api/v1/search'] } },
  { name: 'bots', rule_type: 'path_drop', config: { patterns: ['bot'], match_attribute_key: 'user_agent' } },
]

let s: TestServer | null = null
afterEach(async () => {
  await s?.stop()
  s = null
})

/** Small ranges and no pauses, so the background work is quick and crosses many ranges. */
const start = () => startTestServer({}, undefined, { retag: { windowUs: 7 * DAY_US, chunkRows: 256, pauseFactor: 0 } })

async function createRules(server: TestServer, rules: Record<string, unknown>[]) {
  for (const rule of rules) {
    const r = await server.api(R, { body: { ...rule, enabled: true } })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
  }
}

/** Per stored log (uuid): its rule set and resolver. */
async function tags(server: TestServer) {
  const rows = await server.ctx.db.all('SELECT uuid::VARCHAR AS uuid, rule_set, resolver FROM logs')
  return new Map(rows.map((r) => [r.uuid as string, { ruleSet: r.rule_set as number, resolver: r.resolver as number }]))
}

/** What a simulation says, without its window and notes (which name the moment it ran). */
const figures = (r: SimulateResponse) => ({ ...r, window: undefined, notes: undefined })

describe('rule-set tags', () => {
  it('re-evaluates the stored logs after a change, tags new logs at ingest alike, and simulate answers the same from them', async () => {
    s = await start()
    const server = s
    const older = generateLogs({ count: 3000, startMs: Date.now() - 50 * MIN, spanMs: 10 * MIN, seed: 21 })
    await server.ctx.pipeline.ingest(1, older, Date.now())
    // Stored under no rules: tagged with the empty set, resolved by nothing.
    const untouched = await tags(server)
    expect(new Set([...untouched.values()].map((t) => t.resolver))).toEqual(new Set([NO_RESOLVER]))

    await createRules(server, RULES)
    await server.retagger.idle()
    const enabled = (await listRules(server.ctx.db, 1)).filter((r) => r.enabled)
    const setId = await ruleSetId(server.ctx.db, 1, compileRules(enabled).rules.map(ruleMeaning))
    expect(setId).not.toBe(NO_RULE_SET)

    // Every stored log: the position of the rule the engine says decides it.
    const expectTagged = (logs: typeof older, stored: Awaited<ReturnType<typeof tags>>) => {
      const set = compileRules(enabled)
      let resolved = 0
      for (const log of logs) {
        const t = stored.get(log.uuid)
        if (!t) continue // dropped at ingest
        const ruleId = set.evaluate(log, log.timestampUs / 1000).ruleId
        expect(t, log.uuid).toEqual({ ruleSet: setId, resolver: ruleId === null ? NO_RESOLVER : set.positions.get(ruleId) })
        if (ruleId !== null) resolved++
      }
      return resolved
    }
    const retagged = await tags(server)
    expect(retagged.size).toBe(older.length)
    expect(expectTagged(older, retagged)).toBeGreaterThan(older.length / 10)

    // Logs arriving under the rules are tagged by ingestion itself (the ones the rules kept).
    const newer = generateLogs({ count: 2000, startMs: Date.now() - 30 * MIN, spanMs: 10 * MIN, seed: 22 })
    await server.ctx.pipeline.ingest(1, newer, Date.now())
    const all = await tags(server)
    expect(all.size).toBeGreaterThan(older.length + newer.length / 2)
    expect(all.size).toBeLessThan(older.length + newer.length)
    expect(expectTagged(newer, all)).toBeGreaterThan(0)

    // Simulations behind the whole set (a draft) and behind its first rules (a saved rule): the
    // same from the tags as with every log evaluated in full (tags cleared).
    const ids = (await server.api(R)).body.results.map((r: { id: string }) => r.id)
    const simulateAll = async () => {
      const draft = await server.api(`${R}/simulate`, { body: { rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.5 } } }, date_from: '-2h' } })
      const saved = await server.api(`${R}/${ids[3]}/simulate`, { body: { date_from: '-2h' } })
      expect(draft.status, JSON.stringify(draft.body)).toBe(200)
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
      return [figures(draft.body), figures(saved.body)]
    }
    const fromTags = await simulateAll()
    await server.ctx.db.all(`UPDATE logs SET rule_set = ${NO_RULE_SET}`)
    const evaluated = await simulateAll()
    expect(fromTags).toEqual(evaluated)
    expect(fromTags[0]!.dropped_logs).toBeGreaterThan(0)
    expect(fromTags[1]!.matched_logs).toBeGreaterThan(0)
  })

  it('abandons the re-evaluation for a set that a newer change replaced: the logs end tagged with the latest', async () => {
    s = await start()
    const server = s
    const logs = generateLogs({ count: 4000, startMs: Date.now() - 50 * MIN, spanMs: 10 * MIN, seed: 23 })
    await server.ctx.pipeline.ingest(1, logs, Date.now())
    await createRules(server, RULES.slice(0, 2))
    await createRules(server, RULES.slice(2))
    await server.retagger.idle()
    const enabled = (await listRules(server.ctx.db, 1)).filter((r) => r.enabled)
    const latest = await ruleSetId(server.ctx.db, 1, compileRules(enabled).rules.map(ruleMeaning))
    expect(new Set([...(await tags(server)).values()].map((t) => t.ruleSet))).toEqual(new Set([latest]))
  })

  it('leaves logs older than its window as they were', async () => {
    s = await startTestServer({}, undefined, { retag: { windowUs: 60 * MIN * 1000, chunkRows: 256, pauseFactor: 0 } })
    const server = s
    const old = generateLogs({ count: 500, startMs: Date.now() - 3 * 60 * MIN, spanMs: 10 * MIN, seed: 24 })
    const recent = generateLogs({ count: 500, startMs: Date.now() - 20 * MIN, spanMs: 10 * MIN, seed: 25 })
    await server.ctx.pipeline.ingest(1, old, Date.now())
    await server.ctx.pipeline.ingest(1, recent, Date.now())
    const before = await tags(server)
    await createRules(server, RULES.slice(0, 1))
    await server.retagger.idle()
    const after = await tags(server)
    for (const log of old) expect(after.get(log.uuid)).toEqual(before.get(log.uuid))
    expect(recent.filter((l) => after.get(l.uuid)!.ruleSet !== before.get(l.uuid)!.ruleSet)).toHaveLength(recent.length)
  })
})
