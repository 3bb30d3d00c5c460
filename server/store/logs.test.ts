import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogRecord } from '../logs/record'
import { Db } from './db'
import { writeBatch } from './ingest-writes'
import { queryLogs, serviceSparkline, serviceStats, sparkline, stepUsFor } from './logs'

/**
 * queryLogs reads a page from the window's end in growing slices. Whatever the slices, paging must
 * give exactly the logs a single ORDER BY over the window gives, in that order: these logs sit on
 * slice edges, share microseconds, cluster at both ends and thin out in the middle.
 */

const MINUTE_US = 60_000_000
const FROM_US = Date.UTC(2026, 0, 1) * 1000
const TO_US = FROM_US + 64 * MINUTE_US
let dir: string
let db: Db
const logs: LogRecord[] = []

function log(timestampUs: number, body: string): LogRecord {
  return {
    uuid: randomUUID(), timestampUs, observedUs: 0, severityText: 'INFO', severityNumber: 9, level: 'info', serviceName: 'svc',
    body, attributes: {}, resourceAttributes: {}, traceId: '', spanId: '', eventName: '', bytes: body.length,
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-query-'))
  db = await Db.open({ dataDir: dir, memoryLimit: '512MB' })
  const times: number[] = []
  // Edges of the slices from either end (1/256, 9/256, 73/256 of the window, or 1/64, 9/64 if the
  // first share changes), one microsecond either side.
  const edges = [1, 9, 73].flatMap((n) => [(n * 64 * MINUTE_US) / 256, (n * 64 * MINUTE_US) / 64]).filter((d) => d < 64 * MINUTE_US)
  for (const d of edges) for (const t of [TO_US - d, FROM_US + d]) times.push(t - 1, t, t + 1)
  // Shared microseconds, the window's last microsecond, a dense last minute and a sparse middle.
  for (let i = 0; i < 5; i++) times.push(TO_US - 3 * MINUTE_US, FROM_US + 5, TO_US - 1)
  for (let i = 0; i < 40; i++) times.push(TO_US - Math.floor((i * MINUTE_US) / 40) - 2)
  for (let i = 0; i < 12; i++) times.push(FROM_US + i * 5 * MINUTE_US + 17)
  // Outside the window: never returned.
  times.push(TO_US, TO_US + 5, FROM_US - 1)
  for (const [i, t] of times.entries()) logs.push(log(t, i % 3 === 0 ? `timeout #${i}` : `ok #${i}`))
  await writeBatch(db, [{ envId: 1, records: logs }], [])
})
afterAll(() => {
  db?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function expected(orderBy: 'latest' | 'earliest', match: (l: LogRecord) => boolean): string[] {
  const inWindow = logs.filter((l) => l.timestampUs >= FROM_US && l.timestampUs < TO_US && match(l))
  const sign = orderBy === 'latest' ? -1 : 1
  inWindow.sort((a, b) => sign * (a.timestampUs - b.timestampUs || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0)))
  return inWindow.map((l) => l.uuid)
}

async function pageThrough(orderBy: 'latest' | 'earliest', limit: number, searchTerm: string | null): Promise<string[]> {
  const seen: string[] = []
  let after: string | null = null
  for (let guard = 0; guard < 500; guard++) {
    const page = await queryLogs(db, { envId: 1, fromUs: FROM_US, toUs: TO_US, orderBy, limit, after, searchTerm })
    seen.push(...page.results.map((r) => r.uuid))
    expect(page.hasMore).toBe(page.nextCursor !== null)
    if (!page.nextCursor) return seen
    after = page.nextCursor
  }
  throw new Error('paging did not end')
}

describe('queryLogs reading from the end of the window', () => {
  for (const orderBy of ['latest', 'earliest'] as const) {
    for (const limit of [1, 7, 50, 1000]) {
      it(`pages ${orderBy} first, ${limit} at a time, exactly as one ordered scan would`, async () => {
        expect(await pageThrough(orderBy, limit, null)).toEqual(expected(orderBy, () => true))
      })
    }
    it(`pages ${orderBy} first with a filter that matches a third of the logs`, async () => {
      expect(await pageThrough(orderBy, 4, 'timeout')).toEqual(expected(orderBy, (l) => l.body.includes('timeout')))
    })
  }

  it('answers an empty page for a filter that matches nothing, and for an empty window', async () => {
    expect(await queryLogs(db, { envId: 1, fromUs: FROM_US, toUs: TO_US, orderBy: 'latest', limit: 10, searchTerm: 'no such text' })).toEqual({
      results: [], hasMore: false, nextCursor: null,
    })
    expect((await queryLogs(db, { envId: 1, fromUs: TO_US, toUs: TO_US, orderBy: 'latest', limit: 10 })).results).toEqual([])
  })
})

describe('counts from the rollups, exact at any window', () => {
  let rdir: string
  let rdb: Db
  const spread: LogRecord[] = []
  const START_US = Date.UTC(2026, 0, 2) * 1000
  const LEVELS = ['debug', 'info', 'warn', 'error'] as const

  beforeAll(async () => {
    rdir = mkdtempSync(join(tmpdir(), 'logdeck-rollup-'))
    rdb = await Db.open({ dataDir: rdir, memoryLimit: '512MB' })
    // 30 hours of logs at pseudo-random microseconds, some exactly on minute and half-hour edges.
    let x = 12345
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0)
    for (let i = 0; i < 3000; i++) {
      const edge = i % 10 === 0 ? Math.floor((next() % (30 * 60)) / 30) * 30 * MINUTE_US : next() % (30 * 60 * MINUTE_US)
      const level = LEVELS[next() % 4]!
      spread.push({ ...log(START_US + edge, 'x'), level, serviceName: ['a', 'b', ''][next() % 3]!, bytes: 1 + (next() % 50) })
    }
    for (let i = 0; i < spread.length; i += 500) await writeBatch(rdb, [{ envId: 1, records: spread.slice(i, i + 500) }], [])
  })
  afterAll(() => {
    rdb?.close()
    if (rdir) rmSync(rdir, { recursive: true, force: true })
  })

  const windows = [
    [0, 30 * 60 * MINUTE_US], // everything, aligned
    [17_000_123, 26 * 60 * MINUTE_US + 5_432_100], // a day-long window on no edge (30-minute buckets)
    [45 * MINUTE_US, 25 * 60 * MINUTE_US + 45 * MINUTE_US], // on minute edges, not half-hour ones
    [29 * MINUTE_US + 1, 31 * MINUTE_US - 1], // around one half-hour edge
    [3 * 60 * MINUTE_US + 7, 9 * 60 * MINUTE_US + 11], // 6 hours (10-minute buckets)
  ] as const

  for (const [a, b] of windows) {
    it(`services and sparklines over [+${a} µs, +${b} µs) match counting the logs one by one`, async () => {
      const f = { envId: 1, fromUs: START_US + a, toUs: START_US + b }
      const inWindow = spread.filter((l) => l.timestampUs >= f.fromUs && l.timestampUs < f.toUs)
      const stats = await serviceStats(rdb, f)
      expect(stats.totalLogs).toBe(inWindow.length)
      for (const s of stats.services) {
        const mine = inWindow.filter((l) => (l.serviceName || '(no service)') === s.service_name)
        expect(s.log_count).toBe(mine.length)
        for (const level of LEVELS) expect(s.severity_breakdown[level]).toBe(mine.filter((l) => l.level === level).length)
      }
      const step = stepUsFor(f)
      const perBucket = new Map<string, { count: number; bytes: number }>()
      for (const l of inWindow) {
        const key = `${new Date(Math.floor(l.timestampUs / step) * (step / 1000)).toISOString()}|${l.level}`
        const e = perBucket.get(key) ?? { count: 0, bytes: 0 }
        e.count++
        e.bytes += l.bytes
        perBucket.set(key, e)
      }
      const points = await sparkline(rdb, f, 'severity')
      expect(new Map(points.map((p) => [`${p.time}|${p.severity}`, { count: p.count, bytes: p.bytes_uncompressed }]))).toEqual(perBucket)
      const byService = await serviceSparkline(rdb, f)
      expect(byService.reduce((n, p) => n + p.count, 0)).toBe(inWindow.length)
    })
  }
})

describe('Db.snapshot', () => {
  it('shows every read in it the store as it was when it began, whatever is written meanwhile', async () => {
    const count = 'SELECT count(*)::INTEGER AS n FROM logs WHERE env_id = 7'
    const seen = await db.snapshot(async (tx) => {
      const before = (await tx.one(count))!.n
      await writeBatch(db, [{ envId: 7, records: [log(FROM_US, 'written during the snapshot')] }], [])
      return [before, (await tx.one(count))!.n]
    })
    expect(seen).toEqual([0, 0])
    expect((await db.one(count))!.n).toBe(1)
  })
})
