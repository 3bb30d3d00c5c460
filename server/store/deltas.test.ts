import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generateLogs } from '../rules/test-logs'
import { openTempDb, type TempDb } from '../test/support/temp-db'
import { Db } from './db'
import { DELTA_TABLES, foldDeltas, foldDue, FOLD_EVERY_MS, noteDeltas } from './deltas'
import { writeBatch, type RuleDrop } from './ingest-writes'
import { serviceStats } from './logs'

let store: TempDb
let db: Db
beforeEach(async () => {
  store = await openTempDb('deltas')
  db = store.db
})
afterEach(() => store.remove())

const START_MS = Date.UTC(2026, 10, 20, 10, 0)
const RULE = '00000000-0000-4000-8000-000000000001'

/** Rows per table, and rows per key (a folded table has exactly one per key). */
async function shape(table: keyof typeof DELTA_TABLES) {
  const t = DELTA_TABLES[table]
  const row = await db.one(
    `SELECT count(*) AS rows, count(DISTINCT (${[t.time, ...t.keys].join(', ')})) AS keys FROM ${t.name}`,
  )
  return { rows: row!.rows as number, keys: row!.keys as number }
}

/** Every counter summed per key: what readers see, however the rows are split. */
const sums = () =>
  Promise.all(
    Object.values(DELTA_TABLES).map((t) =>
      db.all(
        `SELECT ${[t.time, ...t.keys].map((k) => `${k}::VARCHAR AS ${k}`).join(', ')}, ${t.sums.map((s) => `sum(${s})::DOUBLE AS ${s}`).join(', ')}
         FROM ${t.name} GROUP BY ALL ORDER BY ALL`,
      ),
    ),
  )

/** Writes `times` batches over the same ten minutes, with a rule drop in each. */
async function writeOverlapping(times: number, seed = 1) {
  for (let i = 0; i < times; i++) {
    const records = generateLogs({ count: 300, startMs: START_MS, spanMs: 600_000, seed: seed + i })
    const drops: RuleDrop[] = [{ envId: 1, ruleId: RULE, minuteUs: START_MS * 1000, logs: 3, bytes: 30 }]
    await writeBatch(db, [{ envId: 1, records }], drops)
  }
}

describe('counter deltas', () => {
  it('appends a row per key per write, which readers sum; a fold leaves one row per key and the same sums', async () => {
    await writeOverlapping(4)
    const before = await sums()
    const unfolded = await shape('rollup_1m')
    expect(unfolded.rows).toBeGreaterThan(unfolded.keys)
    const f = { envId: 1, fromUs: START_MS * 1000, toUs: (START_MS + 600_000) * 1000 }
    const stats = await serviceStats(db, f)
    expect(stats.totalLogs).toBe(1200)

    await foldDeltas(db)
    for (const table of Object.keys(DELTA_TABLES) as (keyof typeof DELTA_TABLES)[]) {
      const s = await shape(table)
      expect(s.rows, table).toBe(s.keys)
      expect(s.rows, table).toBeGreaterThan(0)
    }
    expect(await sums()).toEqual(before)
    expect(await serviceStats(db, f)).toEqual(stats)
    const impact = await db.one(`SELECT sum(dropped_logs)::DOUBLE AS n, count(*) AS rows FROM rule_impact`)
    expect(impact).toEqual({ n: 12, rows: 1 })
  })

  it('is due after FOLD_EVERY_MS or enough rows, and not before', async () => {
    await writeOverlapping(1)
    const now = Date.now()
    expect(foldDue(db, now)).toBe(false)
    expect(foldDue(db, now + FOLD_EVERY_MS)).toBe(true)
    await foldDeltas(db)
    expect(foldDue(db, now + FOLD_EVERY_MS)).toBe(false)
    noteDeltas(db, { rollup_1m: [START_MS * 1000] }, 60_000)
    expect(foldDue(db, Date.now())).toBe(true)
  })

  it('loses no count when folds run while the writer appends to the same minutes', async () => {
    const writes = writeOverlapping(12, 100)
    const folds = (async () => {
      for (let i = 0; i < 12; i++) {
        await foldDeltas(db)
        await new Promise((r) => setTimeout(r, 5))
      }
    })()
    await Promise.all([writes, folds])
    const total = await db.one(`SELECT sum(count)::DOUBLE AS n FROM rollup_1m`)
    const half = await db.one(`SELECT sum(count)::DOUBLE AS n FROM rollup_30m`)
    const impact = await db.one(`SELECT sum(dropped_logs)::DOUBLE AS n FROM rule_impact`)
    const logs = await db.one(`SELECT count(*)::DOUBLE AS n FROM logs`)
    expect([total, half, impact, logs]).toEqual([{ n: 3600 }, { n: 3600 }, { n: 36 }, { n: 3600 }])
    await foldDeltas(db)
    expect((await shape('rollup_1m')).rows).toBe((await shape('rollup_1m')).keys)
  })

  it('a failed fold leaves the rows as they were and covers the same times next time', async () => {
    await writeOverlapping(3)
    const before = await sums()
    const write = db.write.bind(db)
    db.write = () => Promise.reject(new Error('disk full'))
    await expect(foldDeltas(db)).rejects.toThrow('disk full')
    db.write = write
    expect(await sums()).toEqual(before)
    await foldDeltas(db)
    const s = await shape('attribute_keys')
    expect(s.rows).toBe(s.keys)
    expect(await sums()).toEqual(before)
  })

  it('opening a store folds what a process left unfolded (a crash between folds)', async () => {
    // Logs of the last hour: opening folds the last days only.
    const startMs = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000
    for (let i = 0; i < 3; i++) await writeBatch(db, [{ envId: 1, records: generateLogs({ count: 200, startMs, spanMs: 600_000, seed: i }) }], [])
    const before = await sums()
    expect((await shape('rollup_30m')).rows).toBeGreaterThan((await shape('rollup_30m')).keys)
    db.close()
    db = store.db = await Db.open({ dataDir: store.dir, memoryLimit: '256MB', readers: 2 })
    for (const table of Object.keys(DELTA_TABLES) as (keyof typeof DELTA_TABLES)[]) {
      const s = await shape(table)
      expect(s.rows, table).toBe(s.keys)
    }
    expect(await sums()).toEqual(before)
  })
})
