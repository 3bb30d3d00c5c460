/**
 * Faults, against the real server as a child process (`node --import tsx server/main.ts`):
 * - kill -9 in the middle of continuous ingestion, restart on the same data dir: the store opens,
 *   every acknowledged batch is stored exactly once, no batch is stored in part, nothing twice;
 * - an impossible data dir: a non-zero exit with one clear line, no stack trace;
 * - a full disk (a tiny tmpfs): ingestion answers 5xx in the error shape, what was stored stays
 *   readable, ingestion works again once there is room, and the store reopens intact.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, describe, expect, it } from 'vitest'
import { apiErrorBodySchema } from '../../src/contract/errors'
import { spawnServer, startChildServer, type ChildServer } from '../../bench/lib/child'
import { send } from '../../bench/lib/http'
import { otlpPayload } from './support/server'

const BATCH = 40
/** Seconds on a quiet machine; generous because each server start loads the whole app through tsx, and CI machines are shared. */
const TIMEOUT = 300_000
const dirs: string[] = []
const servers: ChildServer[] = []
const mounts: string[] = []

afterAll(async () => {
  for (const s of servers) await s.kill9()
  for (const m of mounts) {
    try {
      execFileSync('umount', ['-l', m])
    } catch {
      /* already unmounted */
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function tempDir(prefix: string) {
  const d = mkdtempSync(join(tmpdir(), `logdeck-${prefix}-`))
  dirs.push(d)
  return d
}

async function start(dataDir: string) {
  const s = await startChildServer({ dataDir, memoryLimit: '512MB', startTimeoutMs: 120_000 })
  servers.push(s)
  return s
}

/** One batch: every log's body and attributes carry the batch id, and its place in the batch. */
function batchPayload(id: string, nowMs: number) {
  return otlpPayload(
    Array.from({ length: BATCH }, (_, j) => ({
      service: `fault-${j % 3}`,
      body: `fault-batch ${id} log ${j} of ${BATCH}`,
      timeMs: nowMs - (BATCH - j),
      attributes: { 'batch.id': id, seq: j },
    })),
  )
}

async function sendBatch(s: ChildServer, id: string) {
  return send('POST', `${s.url}/v1/logs`, JSON.stringify(batchPayload(id, Date.now())), {
    'content-type': 'application/json',
    authorization: `Bearer ${s.token}`,
  })
}

/** Continuous ingestion from `senders` loops until stopped; records what was sent, acknowledged, in flight. */
function ingestContinuously(s: ChildServer, prefix: string, senders = 4) {
  const attempted = new Set<string>()
  const acked = new Set<string>()
  const inFlight = new Set<string>()
  const statuses = new Map<number, number>()
  let stopped = false
  let n = 0
  const loop = async (k: number) => {
    while (!stopped) {
      const id = `${prefix}-${k}-${n++}`
      attempted.add(id)
      inFlight.add(id)
      try {
        const a = await sendBatch(s, id)
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
        if (a.status === 200) acked.add(id)
      } catch {
        // The server died under this request: not acknowledged.
        statuses.set(0, (statuses.get(0) ?? 0) + 1)
      } finally {
        inFlight.delete(id)
      }
    }
  }
  const done = Promise.all(Array.from({ length: senders }, (_, k) => loop(k)))
  return {
    attempted,
    acked,
    inFlight,
    statuses,
    async stop() {
      stopped = true
      await done
    },
  }
}

/** Per batch id found in stored bodies: rows and distinct bodies (read-only, with the server stopped). */
async function storedBatches(dataDir: string): Promise<Map<string, { rows: number; distinct: number }>> {
  const instance = await DuckDBInstance.create(join(dataDir, 'logdeck.duckdb'), { access_mode: 'READ_ONLY' })
  const c = await instance.connect()
  try {
    const reader = await c.runAndReadAll(
      `SELECT regexp_extract(body, '^fault-batch (\\S+) log', 1) AS id, count(*)::INTEGER AS n, count(DISTINCT body)::INTEGER AS d
       FROM logs WHERE body LIKE 'fault-batch %' GROUP BY id`,
    )
    return new Map(reader.getRowObjectsJS().map((r) => [r.id as string, { rows: r.n as number, distinct: r.d as number }]))
  } finally {
    c.closeSync()
    instance.closeSync()
  }
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function valuesOf(s: ChildServer, key: string): Promise<Map<string, number>> {
  const dateRange = encodeURIComponent(JSON.stringify({ date_from: '-1d' }))
  const a = await send('GET', `${s.url}/api/environments/1/logs/values?key=${encodeURIComponent(key)}&limit=1000&dateRange=${dateRange}`)
  expect(a.status).toBe(200)
  const results = JSON.parse(a.text).results as { name: string; count: number }[]
  expect(results.length).toBeLessThan(1000)
  return new Map(results.map((r) => [r.name, r.count]))
}

describe('kill -9 during continuous ingestion', () => {
  it('stores every acknowledged batch exactly once and no batch in part; the store reopens', async () => {
    const dir = tempDir('kill')
    const attempted = new Set<string>()
    const acked = new Set<string>()
    let killedInFlight = 0
    for (const round of [1, 2]) {
      const server = await start(dir)
      const ingest = ingestContinuously(server, `r${round}`)
      await waitFor(() => ingest.acked.size >= 15, 60_000, '15 acknowledged batches')
      await new Promise((r) => setTimeout(r, Math.random() * 50))
      killedInFlight += ingest.inFlight.size
      const exit = await server.kill9()
      expect(exit.signal).toBe('SIGKILL')
      await ingest.stop()
      for (const id of ingest.attempted) attempted.add(id)
      for (const id of ingest.acked) acked.add(id)
      expect([...ingest.statuses.keys()].filter((s) => s !== 200 && s !== 0), `answers before the kill: ${JSON.stringify([...ingest.statuses])}`).toEqual([])
    }
    // The kill hit requests in flight: this is not a test of a quiet server.
    expect(killedInFlight).toBeGreaterThan(0)

    // Restart on the same data dir: the store opens and answers.
    const server = await start(dir)
    const viaApi = await valuesOf(server, 'batch.id')
    for (const id of acked) expect(viaApi.get(id), `acknowledged batch ${id} via the API`).toBe(BATCH)
    const exit = await server.stop()
    expect(exit.code).toBe(0)

    const stored = await storedBatches(dir)
    const missing = [...acked].filter((id) => stored.get(id)?.rows !== BATCH)
    expect(missing, 'acknowledged batches not stored exactly once').toEqual([])
    const partialOrDuplicated = [...stored].filter(([, v]) => v.rows !== BATCH || v.distinct !== BATCH)
    expect(partialOrDuplicated, 'batches stored in part or more than once').toEqual([])
    expect([...stored.keys()].filter((id) => !attempted.has(id)), 'batches nobody sent').toEqual([])
    // The API and the file agree.
    expect(new Map([...viaApi].filter(([id]) => stored.has(id)))).toEqual(new Map([...stored].map(([id, v]) => [id, v.rows])))
    console.log(
      `kill -9 ×2: ${attempted.size} batches sent, ${acked.size} acknowledged, ${killedInFlight} in flight at the kills, ` +
        `${stored.size} stored (${stored.size - acked.size} unacknowledged ones stored whole), 0 partial, 0 duplicated`,
    )
  }, TIMEOUT)
})

describe('an impossible data directory', () => {
  const oneLine = async (dataDir: string) => {
    const child = spawnServer({ dataDir })
    const timer = setTimeout(() => child.proc.kill('SIGKILL'), 90_000)
    const exit = await child.exited
    clearTimeout(timer)
    const { stderr } = child.output()
    return { exit, stderr: stderr.trim() }
  }

  it('exits non-zero with one clear line and no stack trace', async () => {
    const base = tempDir('baddir')
    const file = join(base, 'a-file')
    writeFileSync(file, 'not a directory')
    const corrupt = join(base, 'corrupt')
    mkdirSync(corrupt)
    writeFileSync(join(corrupt, 'logdeck.duckdb'), Buffer.alloc(64 * 1024, 0x5a))
    const cases = [
      { dir: join(file, 'data'), says: /not writable|not a directory/i },
      { dir: file, says: /not writable|not a directory|exists/i },
      { dir: corrupt, says: /could not open the store/i },
    ]
    const results = await Promise.all(cases.map((c) => oneLine(c.dir)))
    results.forEach((r, i) => {
      const c = cases[i]!
      expect(r.exit.code, `${c.dir}: ${r.stderr}`).not.toBe(0)
      expect(r.exit.code).not.toBeNull()
      expect(r.stderr.split('\n'), `${c.dir}: one line`).toHaveLength(1)
      expect(r.stderr).toMatch(/^logdeck: /)
      expect(r.stderr).toMatch(c.says)
      expect(r.stderr).toContain(c.dir)
      expect(r.stderr).not.toMatch(/\n\s+at |Error: .*\n/)
    })
  }, TIMEOUT)
})

describe('a full disk', () => {
  const freeBytes = (path: string) => {
    const s = statfsSync(path)
    return s.bavail * s.bsize
  }
  const isErrorShape = (text: string) => apiErrorBodySchema.strict().safeParse(JSON.parse(text)).success

  it('answers ingestion with 5xx in the error shape, keeps stored data readable, recovers, and reopens', async () => {
    const dir = tempDir('full')
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', dir], { stdio: 'pipe' })
    } catch (e) {
      throw new Error(`This test mounts a 24 MB tmpfs to fill it and needs root with CAP_SYS_ADMIN: ${(e as Error).message}`, { cause: e })
    }
    mounts.push(dir)
    const dataDir = join(dir, 'data')
    let server = await start(dataDir)
    const acked: string[] = []
    for (let i = 0; i < 5; i++) {
      const a = await sendBatch(server, `disk-before-${i}`)
      expect(a.status, a.text).toBe(200)
      acked.push(`disk-before-${i}`)
    }
    const filler = join(dir, 'filler')
    const failed: { id: string; status: number }[] = []

    // 1. Almost full: the batch file fits, the write-ahead log soon does not (DuckDB's commit fails).
    writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes(dir) - 64 * 1024), 1))
    for (let i = 0; i < 30 && failed.length < 3; i++) {
      const id = `disk-nearly-${i}`
      const a = await sendBatch(server, id)
      if (a.status === 200) acked.push(id)
      else {
        failed.push({ id, status: a.status })
        expect([500, 503, 507], `answer on a nearly full disk: ${a.status} ${a.text}`).toContain(a.status)
        expect(isErrorShape(a.text), a.text).toBe(true)
      }
    }
    expect(failed.length, 'a nearly full disk refused some batch').toBeGreaterThan(0)

    // 2. Completely full: not even the batch file fits.
    const fd = openSync(filler, 'a')
    for (const size of [256 * 1024, 4096, 512, 1]) {
      try {
        for (;;) writeSync(fd, Buffer.alloc(size, 1))
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC')
      }
    }
    closeSync(fd)
    for (let i = 0; i < 3; i++) {
      const id = `disk-full-${i}`
      const a = await sendBatch(server, id)
      failed.push({ id, status: a.status })
      expect([500, 503, 507], `answer on a full disk: ${a.status} ${a.text}`).toContain(a.status)
      expect(isErrorShape(a.text), a.text).toBe(true)
    }

    // What was stored stays readable, and nothing of a refused batch is there.
    const expected = () => new Map(acked.map((id) => [id, BATCH]))
    const diskBatches = (m: Map<string, number>) => new Map([...m].filter(([id]) => id.startsWith('disk-')))
    expect(diskBatches(await valuesOf(server, 'batch.id'))).toEqual(expected())

    // Room again: ingestion works without a restart.
    rmSync(filler)
    const recovered = await sendBatch(server, 'disk-after-0')
    expect(recovered.status, recovered.text).toBe(200)
    acked.push('disk-after-0')
    expect((await server.stop()).code).toBe(0)

    // The store reopens with exactly what was acknowledged.
    server = await start(dataDir)
    expect(diskBatches(await valuesOf(server, 'batch.id'))).toEqual(expected())
    expect((await server.stop()).code).toBe(0)
    console.log(
      `full disk: ${failed.length} batches refused with ${[...new Set(failed.map((f) => f.status))].join('/')} in the error shape ` +
        `(nearly full: the commit failed; full: the batch file could not be written); ${acked.length} acknowledged batches readable throughout, ` +
        'ingestion recovered once space was freed, the store reopened intact',
    )
  }, TIMEOUT)
})
