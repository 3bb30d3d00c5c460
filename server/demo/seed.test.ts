/**
 * seedDemo end to end on a real store: its worker thread generates, this thread decodes and writes
 * through the ingest pipeline. The table must hold exactly the generator's logs, in slice order.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { decodeOtlpLogs } from '../ingest/otlp'
import { HOT_ATTRIBUTE_COLUMNS } from '../store/log-filters'
import { jsonStoredAttributes } from '../test/support/stored-attributes'
import { startTestServer, type TestServer } from '../test/support/server'
import { seedDemo, storeIsEmpty } from './seed'
import { seedPayloads, seedSlices } from './seed-plan'

const NOW = Date.UTC(2026, 10, 26, 12, 34, 56, 789)
const ROWS = 30_000
const SLICE = 4_000

const servers: TestServer[] = []
afterAll(async () => {
  for (const s of servers) await s.stop()
})
async function server() {
  const s = await startTestServer()
  servers.push(s)
  return s
}

const HOT = Object.entries(HOT_ATTRIBUTE_COLUMNS)

/** The stored logs in the order they were appended (rowid), minus the uuid each store draws. */
async function storedLogs(s: TestServer) {
  return s.ctx.db.all(
    `SELECT epoch_us(timestamp) AS t, epoch_us(observed_timestamp) AS o, severity_text, severity_number, service_name, body, trace_id, span_id,
       attributes::VARCHAR AS attributes, [${HOT.map(([, column]) => column).join(', ')}] AS hot, resource_attributes::VARCHAR AS resource
     FROM logs ORDER BY rowid`,
  )
}

/** A log's attributes as stored: the promoted keys in their columns, the rest as JSON text. */
function storedForm(attributes: Record<string, string>): [string, (string | null)[]] {
  return [JSON.stringify(jsonStoredAttributes(attributes)), HOT.map(([key]) => attributes[key] ?? null)]
}

describe('seedDemo', () => {
  it('writes the generator’s logs through the worker, oldest slice first, reporting progress', async () => {
    const s = await server()
    expect(await storeIsEmpty(s.ctx)).toBe(true)
    const progress: number[] = []
    const seeded = await seedDemo(s.ctx, ROWS, (done, total) => {
      expect(total).toBe(ROWS)
      progress.push(done)
    }, NOW, SLICE)

    const slices = seedSlices(ROWS, NOW, SLICE)
    expect(slices).toHaveLength(8)
    // "About" ROWS: a slice ends with its last request's logs (at most 5 more).
    expect(seeded).toBeGreaterThanOrEqual(ROWS)
    expect(seeded).toBeLessThan(ROWS + 5 * slices.length)
    expect(progress).toHaveLength(slices.length)
    expect(progress.every((d, i) => i === 0 || d > progress[i - 1]!)).toBe(true)
    expect(progress.at(-1)).toBe(seeded)
    expect(await storeIsEmpty(s.ctx)).toBe(false)

    const rows = await storedLogs(s)
    expect(rows).toHaveLength(seeded)
    // Exactly what the generator makes, decoded here, in the same order.
    const payloads = [...seedPayloads(ROWS, NOW, SLICE)]
    const expected = payloads.flatMap(({ payload }) => decodeOtlpLogs(payload, 'protobuf', { nowUs: 0, newUuid: () => '' }))
    expect(rows.map((r) => [r.t, r.o, r.severity_text, r.severity_number, r.service_name, r.body, r.trace_id, r.span_id, r.attributes, r.hot, r.resource])).toEqual(
      expected.map((r) => [r.timestampUs, r.observedUs, r.severityText, r.severityNumber, r.serviceName, r.body, r.traceId, r.spanId, ...storedForm(r.attributes), JSON.stringify(r.resourceAttributes)]),
    )
    // Time order: the table holds slice after slice, each one's logs inside its own time range
    // (a request's debug log may precede its start by 2 ms).
    let at = 0
    payloads.forEach(({ count }, i) => {
      const times = rows.slice(at, at + count).map((r) => r.t as number)
      expect(Math.min(...times)).toBeGreaterThanOrEqual(Math.floor(slices[i]!.fromMs * 1000) - 2000)
      expect(Math.max(...times)).toBeLessThan(slices[i]!.toMs * 1000)
      at += count
    })
    expect(at).toBe(seeded)
    // All of the last 24 h, nothing after now.
    expect(Math.min(...rows.map((r) => r.t as number))).toBeLessThan((NOW - 23.9 * 3_600_000) * 1000)
    expect(Math.max(...rows.map((r) => r.t as number))).toBeLessThan(NOW * 1000)
  })

  it('is deterministic: a second store seeded for the same time holds the same logs', async () => {
    const [a, b] = await Promise.all([server(), server()])
    const [na, nb] = await Promise.all([seedDemo(a.ctx, 10_000, () => undefined, NOW, 2_500), seedDemo(b.ctx, 10_000, () => undefined, NOW, 2_500)])
    expect(na).toBe(nb)
    const [ra, rb] = await Promise.all([storedLogs(a), storedLogs(b)])
    expect(ra).toHaveLength(na)
    expect(ra).toEqual(rb)
  })

  it('fails when the pipeline refuses the logs', async () => {
    const s = await server()
    await s.ctx.pipeline.close()
    await expect(seedDemo(s.ctx, 5_000, () => undefined, NOW, 1_000)).rejects.toThrow(/shutting down/)
  })

  it('fails, instead of hanging, when reporting progress throws', async () => {
    const s = await server()
    const seeding = seedDemo(s.ctx, 5_000, () => {
      throw new Error('progress display broke')
    }, NOW, 1_000)
    await expect(seeding).rejects.toThrow('progress display broke')
  })
})
