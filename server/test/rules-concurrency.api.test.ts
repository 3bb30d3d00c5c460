import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { otlpPayload, startTestServer, type TestServer } from './support/server'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(async () => {
  await s?.stop()
})

const CLIENTS = 50
const REQUESTS = 2000
const RULES = 30
/** A reorder bumps every rule's version, so it stales every PATCH in flight: keep it a minority. */
const REORDER_SHARE = 0.05

/** A seeded PRNG per client, so a failure replays the same mix. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a * 1103515245 + 12345) % 2 ** 31
    return a / 2 ** 31
  }
}

interface PatchResult {
  ruleId: string
  sent: number
  status: number
  version?: number
  now?: number
}

describe('concurrent writers', () => {
  it('keeps priorities a permutation and versions exact under 50 clients mixing PATCH and reorder', async () => {
    const env = await s.ctx.envs.create('concurrency')
    const R = `/api/environments/${env.id}/logs/sampling_rules`
    const ids: string[] = []
    for (let i = 0; i < RULES; i++) {
      const r = await s.api(R, { body: { name: `rule ${i}`, enabled: true, rule_type: 'path_drop', config: { patterns: [`^/r${i}`] } } })
      ids.push(r.body.id)
    }
    await s.sendOtlp(otlpPayload([{ service: 'svc', body: 'x', timeMs: Date.now() - 1000 }]), { authorization: `Bearer ${env.projectToken}` })

    let issued = 0
    const patches: PatchResult[] = []
    const reorders: number[] = []
    const unexpected: string[] = []
    /** Per client and rule, the versions it saw in order: they must never go down. */
    const regressions: string[] = []

    const client = async (n: number) => {
      const rand = prng(n + 1)
      const seen = new Map<string, number>()
      const observe = (id: string, v: number) => {
        if (v < (seen.get(id) ?? 0)) regressions.push(`client ${n} saw ${id} go from ${seen.get(id)} to ${v}`)
        seen.set(id, v)
      }
      /** After a 409 a client retries at once with the version the conflict named, like a real editor reloading. */
      let retry: { id: string; version: number } | null = null
      while (issued < REQUESTS) {
        issued++
        if (!retry && rand() < REORDER_SHARE) {
          const order = [...ids].sort(() => rand() - 0.5)
          const r = await s.api(`${R}/reorder`, { body: { ordered_ids: order } })
          if (r.status !== 200) unexpected.push(`reorder ${r.status} ${JSON.stringify(r.body)}`)
          else for (const rule of r.body.results) observe(rule.id, rule.version)
          reorders.push(r.status)
          continue
        }
        let id: string
        let sent: number
        if (retry) {
          ;({ id, version: sent } = retry)
          retry = null
        } else {
          id = ids[Math.floor(rand() * ids.length)]!
          const current = await s.api(`${R}/${id}`)
          observe(id, current.body.version)
          sent = current.body.version as number
        }
        const r = await s.api(`${R}/${id}`, { method: 'PATCH', body: { name: `client ${n} write ${issued}`, enabled: rand() < 0.8, version: sent } })
        const result: PatchResult = { ruleId: id, sent, status: r.status }
        if (r.status === 200) {
          result.version = r.body.version
          observe(id, r.body.version)
        } else if (r.status === 409) {
          result.now = Number(/now version (\d+)/.exec(r.body.detail)?.[1])
          observe(id, result.now)
          retry = { id, version: result.now }
        } else unexpected.push(`PATCH ${r.status} ${JSON.stringify(r.body)}`)
        patches.push(result)
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)))

    expect(unexpected).toEqual([])
    expect(regressions).toEqual([])
    expect(patches.length + reorders.length).toBe(REQUESTS)
    const conflicts = patches.filter((p) => p.status === 409)
    const successes = patches.filter((p) => p.status === 200)
    // The mix must really have raced, or this test proves nothing.
    expect(conflicts.length).toBeGreaterThan(100)
    expect(successes.length).toBeGreaterThan(100)
    // A 409 is only ever given to a version that really was stale.
    for (const c of conflicts) expect(c.now).toBeGreaterThan(c.sent)
    // Every accepted PATCH moved its rule from the version it sent to the next one…
    for (const p of successes) expect(p.version).toBe(p.sent + 1)

    const final = (await s.api(`${R}?limit=1000`)).body.results as { id: string; priority: number; version: number; enabled: boolean }[]
    expect(final.map((r) => r.priority).sort((a, b) => a - b)).toEqual([...Array(RULES).keys()])
    for (const rule of final) {
      const mine = successes.filter((p) => p.ruleId === rule.id)
      // …no two accepted PATCHes started from the same version (no lost update)…
      expect(new Set(mine.map((p) => p.sent)).size).toBe(mine.length)
      // …and the version counts exactly the writes that were accepted: one per PATCH, one per reorder.
      expect(rule.version).toBe(1 + mine.length + reorders.length)
    }

    // Ingestion ended up with the last committed order: the services page lists it.
    const services = await s.api(`/api/environments/${env.id}/logs/services`, { body: { query: { dateRange: { date_from: '-1h' } } } })
    const active = services.body.services[0].active_rules.map((r: { rule_id: string }) => r.rule_id)
    expect(active).toEqual(final.filter((r) => r.enabled).map((r) => r.id))
  }, 300_000)
})
