/**
 * API latency over HTTP against the real server (a child process), each figure beside the same
 * store function run in the bench process on an identical copy of the store opened read-only, the
 * two alternating run by run, with DuckDB's own share timed apart.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { simulateSavedRule } from '../../server/rules/simulate'
import type { Db } from '../../server/store/db'
import { listAttributeValues, queryLogs, serviceSparkline, serviceStats, sparkline } from '../../server/store/logs'
import { startChildServer, waitForRetag } from './child'
import type { StoreMeta } from './generate'
import { send } from './http'
import { ReadOnlyStore } from './readonly-db'
import { median, p95, type Figure } from './report'
import { createRules, deleteAllRules, rulesApiAvailable, SIMULATED_RULE, simulatePath, TEN_ENABLED_RULES } from './rules'

const LOGS = '/api/environments/1/logs'
const HOUR_MS = 3_600_000

/** The fields of the answers that `describe` reads. */
interface Answer {
  total_services?: number
  sparkline?: unknown[]
  results?: unknown[]
  total_logs?: number
  matched_logs?: number
  estimated_reduction_pct?: number
}

interface Case {
  id: string
  label: string
  target: string
  judgedBy: string
  /** Judged on the HTTP median. */
  limitMs?: number
  request: () => { method: string; path: string; body?: unknown }
  inProcess: (db: Db) => Promise<unknown>
  /** A line saying the answer was a real one (rows found…), from one HTTP answer. */
  describe: (answer: Answer) => string
}

export function copyStore(from: string, to: string) {
  rmSync(to, { recursive: true, force: true })
  mkdirSync(to, { recursive: true })
  copyFileSync(join(from, 'logdeck.duckdb'), join(to, 'logdeck.duckdb'))
}

/**
 * The simulation as it runs before the background re-evaluation after a rule change has reached
 * the logs: on a copy of the store with the rule-set tags cleared, so every rule is evaluated per
 * log. In process (the server serves the tagged store); reported, not judged.
 */
async function untaggedSimulate(from: string, id: string, window: { fromUs: number; toUs: number }, log: (s: string) => void): Promise<Figure> {
  const dir = `${from}-untagged`
  copyStore(from, dir)
  try {
    const instance = await DuckDBInstance.create(join(dir, 'logdeck.duckdb'))
    const c = await instance.connect()
    await c.run('UPDATE logs SET rule_set = 0')
    await c.run('CHECKPOINT')
    c.closeSync()
    instance.closeSync()
    const store = await ReadOnlyStore.open(join(dir, 'logdeck.duckdb'))
    try {
      const runs: number[] = []
      const cpu: number[] = []
      let answer: Awaited<ReturnType<typeof simulateSavedRule>> = null
      for (let i = 0; i < 6; i++) {
        const c0 = process.cpuUsage()
        const t = performance.now()
        answer = await simulateSavedRule(store.db, 1, id, window)
        const used = process.cpuUsage(c0)
        // The first run warms the cache, as the HTTP figures' two warm-up runs do.
        if (i > 0) {
          runs.push(performance.now() - t)
          cpu.push((used.user + used.system) / 1000)
        }
      }
      const note = `over ${answer?.total_logs} logs: ${answer?.matched_logs} matched, ${answer?.estimated_reduction_pct} % dropped`
      const label = 'simulate 1 rule behind 10 enabled, 24 h, before the re-evaluation reaches the logs (in process)'
      log(`  ${label}: p50 ${median(runs).toFixed(1)} ms, p95 ${p95(runs).toFixed(1)} ms, CPU ${median(cpu).toFixed(0)} ms per call (${note})`)
      return { id: 'simulate_untagged', group: 'api', label, unit: 'ms', median: median(runs), p95: p95(runs), samples: runs.length, cpuMs: median(cpu), target: '', judgedBy: '', pass: null, note }
    } finally {
      store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function apiFigures(opts: { store: string; meta: StoreMeta; workDir: string; log: (s: string) => void; budgetMs: number }): Promise<{ figures: Figure[] }> {
  const { meta, log } = opts
  copyStore(opts.store, opts.workDir)
  const endMs = meta.toMs + 1
  const win = (hours: number) => ({ fromMs: endMs - hours * HOUR_MS, toMs: endMs })
  const range = (hours: number) => ({ date_from: new Date(endMs - hours * HOUR_MS).toISOString(), date_to: new Date(endMs).toISOString() })
  const filter = (hours: number) => ({ envId: 1, fromUs: win(hours).fromMs * 1000, toUs: win(hours).toMs * 1000 })

  // The rules go in through the API first; then the store is copied once more, so the server can
  // serve one copy while this process reads the other: HTTP and raw runs alternate, under the same
  // machine load (DuckDB lets one process write a file and no other open it meanwhile).
  let simulateId: string | null = null
  let retag: Figure | null = null
  const setup = await startChildServer({ dataDir: opts.workDir })
  try {
    if (await rulesApiAvailable(setup.url)) {
      await deleteAllRules(setup.url)
      await createRules(setup.url, TEN_ENABLED_RULES)
      simulateId = (await createRules(setup.url, [SIMULATED_RULE]))[0]!
      // The server re-evaluates the stored logs against the new rules in the background; simulate
      // is judged once it has (what it is like from shortly after a change on), and measured
      // without the tags too (below).
      const { logs, seconds } = await waitForRetag(setup, TEN_ENABLED_RULES.length)
      retag = {
        id: 'retag',
        group: 'api',
        label: `re-evaluate the stored logs after a rule change (${TEN_ENABLED_RULES.length} enabled rules, in the background)`,
        unit: 's',
        median: seconds,
        p95: seconds,
        samples: 1,
        target: '',
        judgedBy: '',
        pass: null,
        note: `${logs} logs`,
      }
      log(`  ${retag.label}: ${seconds} s for ${logs} logs`)
    }
  } finally {
    await setup.stop()
  }
  const rawDir = `${opts.workDir}-raw`
  copyStore(opts.workDir, rawDir)
  const ro = await ReadOnlyStore.open(join(rawDir, 'logdeck.duckdb'))
  const server = await startChildServer({ dataDir: opts.workDir })
  const figures: Figure[] = []
  try {
    const services = async (db: Db, hours: number) => {
      const f = filter(hours)
      const { services: all } = await serviceStats(db, f)
      return serviceSparkline(db, { ...f, serviceNames: all.slice(0, 100).map((s) => s.service_name) })
    }
    const values = (key: string) => (db: Db) =>
      listAttributeValues(db, { ...filter(24), serviceNames: [], filterGroup: undefined, kind: 'log', key, value: '', limit: 100, offset: 0 })
    const valuesPath = (key: string) => `${LOGS}/values?key=${encodeURIComponent(key)}&dateRange=${encodeURIComponent(JSON.stringify(range(24)))}`
    const cases: Case[] = [
      {
        id: 'services_1h',
        label: 'services 1 h (HTTP)',
        target: '',
        judgedBy: '',
        request: () => ({ method: 'POST', path: `${LOGS}/services`, body: { query: { dateRange: range(1), limit: 10_000 } } }),
        inProcess: (db) => services(db, 1),
        describe: (a) => `${a.total_services} services`,
      },
      {
        id: 'services_24h',
        label: 'services 24 h (HTTP)',
        target: '≤ 50 ms',
        judgedBy: 'p50 over HTTP',
        limitMs: 50,
        request: () => ({ method: 'POST', path: `${LOGS}/services`, body: { query: { dateRange: range(24), limit: 10_000 } } }),
        inProcess: (db) => services(db, 24),
        describe: (a) => `${a.total_services} services, ${a.sparkline?.length} sparkline points`,
      },
      {
        id: 'sparkline_24h',
        label: 'sparkline 24 h by service (HTTP)',
        target: '',
        judgedBy: '',
        request: () => ({ method: 'POST', path: `${LOGS}/sparkline`, body: { query: { dateRange: range(24), sparklineBreakdownBy: 'service' } } }),
        inProcess: (db) => sparkline(db, filter(24), 'service'),
        describe: (a) => `${a.results?.length} points`,
      },
      {
        id: 'query_newest_100',
        label: 'query newest 100, 24 h (HTTP)',
        target: '',
        judgedBy: '',
        request: () => ({ method: 'POST', path: `${LOGS}/query`, body: { query: { dateRange: range(24), limit: 100 } } }),
        inProcess: (db) => queryLogs(db, { ...filter(24), orderBy: 'latest', limit: 100 }),
        describe: (a) => `${a.results?.length} rows`,
      },
      {
        id: 'query_substring',
        label: 'query newest 100 with substring "timeout", 24 h (HTTP)',
        target: '≤ 60 ms',
        judgedBy: 'p50 over HTTP',
        limitMs: 60,
        request: () => ({ method: 'POST', path: `${LOGS}/query`, body: { query: { dateRange: range(24), limit: 100, searchTerm: 'timeout' } } }),
        inProcess: (db) => queryLogs(db, { ...filter(24), searchTerm: 'timeout', orderBy: 'latest', limit: 100 }),
        describe: (a) => `${a.results?.length} rows`,
      },
      {
        id: 'values_hot',
        label: 'values of http.route (hot column), 24 h (HTTP)',
        target: '',
        judgedBy: '',
        request: () => ({ method: 'GET', path: valuesPath('http.route') }),
        inProcess: values('http.route'),
        describe: (a) => `${a.results?.length} values`,
      },
      {
        id: 'values_cold',
        label: 'values of exception.type (JSON attribute), 24 h (HTTP)',
        target: '',
        judgedBy: '',
        request: () => ({ method: 'GET', path: valuesPath('exception.type') }),
        inProcess: values('exception.type'),
        describe: (a) => `${a.results?.length} values`,
      },
    ]
    if (simulateId) {
      const id = simulateId
      cases.push({
        id: 'simulate',
        label: 'simulate 1 rule behind 10 enabled, 24 h (HTTP)',
        target: '≤ 500 ms',
        judgedBy: 'p50 over HTTP',
        limitMs: 500,
        request: () => ({ method: 'POST', path: simulatePath(id), body: range(24) }),
        inProcess: (db) => simulateSavedRule(db, 1, id, { fromUs: filter(24).fromUs, toUs: filter(24).toUs }),
        describe: (a) => `over ${a.total_logs} logs: ${a.matched_logs} matched, ${a.estimated_reduction_pct} % dropped`,
      })
    }

    for (const c of cases) {
      let last: Answer = {}
      const httpRuns: number[] = []
      const wholeRuns: number[] = []
      const sqlRuns: number[] = []
      const cpuRuns: number[] = []
      let serverCpu = 0
      const viaHttp = async () => {
        const r = c.request()
        const cpu0 = server.cpuMs()
        const a = await send(r.method, server.url + r.path, r.body === undefined ? undefined : JSON.stringify(r.body), r.body === undefined ? {} : { 'content-type': 'application/json' })
        if (a.status !== 200) throw new Error(`${c.id}: HTTP ${a.status} ${a.text.slice(0, 300)}`)
        last = JSON.parse(a.text) as Answer
        return { ms: a.ms, cpu: server.cpuMs() - cpu0 }
      }
      const inProcess = async () => {
        ro.sqlMs = 0
        const c0 = process.cpuUsage()
        const t = performance.now()
        await c.inProcess(ro.db)
        const used = process.cpuUsage(c0)
        return { ms: performance.now() - t, sql: ro.sqlMs, cpu: (used.user + used.system) / 1000 }
      }
      // Warm both, then alternate (which goes first alternates too).
      for (let i = 0; i < 2; i++) {
        await viaHttp()
        await inProcess()
      }
      const started = performance.now()
      for (let i = 0; i < 20 && (i < 5 || performance.now() - started < opts.budgetMs); i++) {
        const oneHttp = async () => {
          const r = await viaHttp()
          httpRuns.push(r.ms)
          serverCpu += r.cpu
        }
        const oneRaw = async () => {
          const r = await inProcess()
          wholeRuns.push(r.ms)
          sqlRuns.push(r.sql)
          cpuRuns.push(r.cpu)
        }
        for (const step of i % 2 === 0 ? [oneHttp, oneRaw] : [oneRaw, oneHttp]) await step()
      }
      const note = c.describe(last)
      figures.push({
        id: c.id,
        group: 'api',
        label: c.label,
        unit: 'ms',
        median: median(httpRuns),
        p95: p95(httpRuns),
        samples: httpRuns.length,
        raw: {
          median: median(sqlRuns),
          p95: p95(sqlRuns),
          inProcessMedian: median(wholeRuns),
          inProcessP95: p95(wholeRuns),
          samples: wholeRuns.length,
          cpuMsPerCall: median(cpuRuns),
        },
        cpuMs: serverCpu / httpRuns.length,
        target: c.target,
        judgedBy: c.judgedBy,
        pass: c.limitMs === undefined ? null : median(httpRuns) <= c.limitMs,
        note,
      })
      log(
        `  ${c.label}: HTTP p50 ${median(httpRuns).toFixed(1)} ms, p95 ${p95(httpRuns).toFixed(1)} ms; DuckDB p50 ${median(sqlRuns).toFixed(1)} ms, ` +
          `store function p50 ${median(wholeRuns).toFixed(1)} ms; server CPU ${(serverCpu / httpRuns.length).toFixed(0)} ms per request (${httpRuns.length} runs; ${note})`,
      )
    }
    if (simulateId && retag) {
      figures.push(retag, await untaggedSimulate(rawDir, simulateId, filter(24), log))
    }
    if (!simulateId) {
      figures.push({
        id: 'simulate',
        group: 'api',
        label: 'simulate 1 rule behind 10 enabled, 24 h (HTTP)',
        unit: 'ms',
        median: null,
        p95: null,
        target: '≤ 500 ms',
        judgedBy: 'p50 over HTTP',
        pass: null,
        note: 'not available: this build does not serve logs/sampling_rules',
      })
    }
    return { figures }
  } finally {
    await server.stop()
    ro.close()
    rmSync(rawDir, { recursive: true, force: true })
  }
}
