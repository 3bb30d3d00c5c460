import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generateLogs } from '../rules/test-logs'
import type { Db } from '../store/db'
import { openTempDb, type TempDb } from '../test/support/temp-db'
import { IngestPipeline, type RuleSource } from './pipeline'

const noRules: RuleSource = { current: () => undefined, all: () => [], onChange: () => undefined }
const DELAY_MS = 300
const COMMIT_HELD_MS = 400

let store: TempDb
let db: Db
beforeEach(async () => {
  store = await openTempDb('pipeline', 1)
  db = store.db
})
afterEach(() => store.remove())

/** Holds the first flush's COMMIT for COMMIT_HELD_MS, so requests can be queued while it runs. */
function holdFirstCommit() {
  const c = db.ingestConnection
  const original = c.runAndReadAll.bind(c)
  let held = false
  c.runAndReadAll = (async (sql: string, ...rest: unknown[]) => {
    if (sql === 'COMMIT' && !held) {
      held = true
      await new Promise((r) => setTimeout(r, COMMIT_HELD_MS))
    }
    return (original as (...a: unknown[]) => ReturnType<typeof original>)(sql, ...rest)
  }) as typeof c.runAndReadAll
}

describe('ingest pipeline batching', () => {
  it('waits maxDelayMs for company, counted from when the oldest waiting request was queued', async () => {
    holdFirstCommit()
    const pipeline = new IngestPipeline(db, noRules, { maxBatchRows: 1_000_000, maxDelayMs: DELAY_MS, maxQueuedRows: 1_000_000, decodeWorkers: 0, maxDecoding: 8 })
    const t0 = performance.now()
    const logs = (seed: number) => generateLogs({ count: 50, startMs: Date.now() - 60_000, spanMs: 60_000, seed })
    const first = pipeline.ingest(1, logs(1)).then(() => performance.now() - t0)
    // Queued while the first flush is committing: it has waited long enough by the time that flush ends.
    await new Promise((r) => setTimeout(r, DELAY_MS + 100))
    const second = pipeline.ingest(1, logs(2)).then(() => performance.now() - t0)
    const [a, b] = await Promise.all([first, second])
    expect(a).toBeGreaterThanOrEqual(DELAY_MS + COMMIT_HELD_MS - 20)
    // Flushed as soon as the first flush ended, not DELAY_MS after it.
    expect(b - a).toBeLessThan(DELAY_MS / 2)
    expect(pipeline.stats.batches).toBe(2)
    await pipeline.close()
    expect((await db.one('SELECT count(*)::INTEGER AS n FROM logs'))!.n).toBe(100)
  })
})
