/**
 * A bounded load test on loopback, small: 50 autocannon connections reading `services` and `query`
 * for 8 s while OTLP protobuf ingestion runs at a steady rate, against the real server as
 * a child process. Every read answers 2xx, no connection errors or timeouts, every ingest batch is
 * acknowledged, and ingestion sustains ≥ 95 % of its target rate: each batch's lag behind its
 * schedule may not grow faster than 5 % of elapsed time (a server that keeps up holds it level). The full scale (60 s, 20 k logs/s
 * into 10 M rows) is `npm run bench -- --only load`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChildServer, type ChildServer } from '../../bench/lib/child'
import { loadProblems, runLoad } from '../../bench/lib/load'
import { buildTemplates, ingestFlat, type ProtoTemplate } from '../../bench/lib/otlp'

const SECONDS = 8
const INGEST_RATE = 2_000
const TIMEOUT = 300_000

let dir: string
let server: ChildServer
let templates: ProtoTemplate[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-load-'))
  ;[server, templates] = await Promise.all([startChildServer({ dataDir: dir, memoryLimit: '512MB', startTimeoutMs: 120_000 }), buildTemplates(4, 200)])
  // Something to read: ~20,000 logs of the last seconds.
  const seeded = await ingestFlat(server.url, server.token, templates, 2, 1)
  expect(seeded.failedBatches).toBe(0)
}, TIMEOUT)

afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('load on loopback', () => {
  it(`serves 50 reading connections for ${SECONDS} s while ingesting ${INGEST_RATE.toLocaleString('en-US')} logs/s, with no error and no starved ingestion`, async () => {
    const result = await runLoad({
      url: server.url,
      token: server.token,
      seconds: SECONDS,
      connections: 50,
      ingestRate: INGEST_RATE,
      templates,
      dateRange: { date_from: '-1h' },
    })
    const { services, query, ingest } = result
    console.log(
      `load ${SECONDS} s: services ${services.requests} req p50 ${services.p50} ms p99 ${services.p99} ms; ` +
        `query ${query.requests} req p50 ${query.p50} ms p99 ${query.p99} ms; ` +
        `ingest sustained ${Math.round(ingest.achieved)} of ${ingest.target} logs/s (lag grew ${(ingest.lagSlope * 1000).toFixed(0)} ms/s, max ${Math.round(ingest.maxLagMs)} ms), ` +
        `${ingest.ackedBatches}/${ingest.sentBatches} batches acknowledged`,
    )
    expect(loadProblems(result)).toEqual([])
    expect(services.requests).toBeGreaterThan(0)
    expect(query.requests).toBeGreaterThan(0)
    expect(server.proc.exitCode).toBeNull()
  }, TIMEOUT)
})
