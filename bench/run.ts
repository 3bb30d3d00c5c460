/**
 * `npm run bench -- [--rows 1e6|1e7] [--only api,ingest,load,browser] [options]`
 *
 * Generates (or reuses) its own data, measures every figure the issues name, prints ONE table and
 * writes the same as JSON to bench/results/<date>-<rows>.json. See bench/README.md.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { apiFigures, copyStore } from './lib/api-figures'
import { browserFigures } from './lib/browser'
import { REPO_ROOT, startChildServer } from './lib/child'
import { ensureStore, type StoreMeta } from './lib/generate'
import { closeConnections } from './lib/http'
import { ingestFigures } from './lib/ingest-figures'
import { loadProblems, runLoad } from './lib/load'
import { buildTemplates } from './lib/otlp'
import { formatTable, machine, type Figure } from './lib/report'

const PHASES = ['api', 'ingest', 'load', 'browser'] as const
type Phase = (typeof PHASES)[number]

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1e6' },
    only: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    // An OpenTelemetry Collector's exporters send with 10 consumers unless told otherwise
    // (exporterhelper `sending_queue.num_consumers`); 3 closed-loop senders left a 2-core server
    // idle between commits (~1.6 of 2 cores busy), so the figure measured the client's window.
    senders: { type: 'string', default: '10' },
    batch: { type: 'string', default: '4000' },
    'load-seconds': { type: 'string', default: '60' },
    'load-rate': { type: 'string', default: '20000' },
    'load-connections': { type: 'string', default: '50' },
    runs: { type: 'string', default: '7' },
    budget: { type: 'string', default: '15' },
    'services-rows': { type: 'string', default: '500000' },
    profile: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    dist: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
})

if (values.help) {
  console.log(readFileSync(join(REPO_ROOT, 'bench', 'README.md'), 'utf8'))
  process.exit(0)
}

const num = (name: string, raw: string) => {
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench: --${name} must be a positive number (got "${raw}")`)
    process.exit(2)
  }
  return n
}
const rows = Math.round(num('rows', values.rows!))
const label = (n: number) => (Number.isInteger(Math.log10(n)) && n >= 10 ? `1e${Math.log10(n)}` : String(n))
const only = new Set<Phase>(
  (values.only ?? PHASES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      if (!(PHASES as readonly string[]).includes(s)) {
        console.error(`bench: --only takes ${PHASES.join(', ')} (got "${s}")`)
        process.exit(2)
      }
      return s as Phase
    }),
)

const DATA = join(REPO_ROOT, 'bench', 'data')
const RESULTS = join(REPO_ROOT, 'bench', 'results')
const log = (s: string) => console.log(s)
const started = Date.now()
const env = machine(cpus().length)

function dayStamp(d = new Date()) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

function failed(phase: Phase, e: Error): Figure {
  return {
    id: `${phase}_failed`,
    group: phase === 'load' ? 'load' : phase === 'browser' ? 'browser' : phase === 'ingest' ? 'ingest' : 'api',
    label: `${phase} phase`,
    unit: '',
    median: null,
    p95: null,
    target: '',
    judgedBy: '',
    pass: false,
    note: `failed: ${e.message.split('\n')[0]}`,
  }
}

async function loadFigures(store: string, meta: StoreMeta): Promise<Figure[]> {
  const workDir = join(DATA, 'work-load')
  copyStore(store, workDir)
  const seconds = num('load-seconds', values['load-seconds']!)
  const rate = num('load-rate', values['load-rate']!)
  const connections = num('load-connections', values['load-connections']!)
  const templates = await buildTemplates(8, Math.max(100, Math.round(rate / 10)))
  const server = await startChildServer({ dataDir: workDir })
  try {
    log(`  ${connections} connections reading services / query for ${seconds} s while ingesting ${rate.toLocaleString('en-US')} logs/s…`)
    // The readers ask about the stored day and whatever arrives meanwhile.
    const dateRange = { date_from: new Date(meta.toMs - 3_600_000).toISOString() }
    const r = await runLoad({ url: server.url, token: server.token, seconds, connections, ingestRate: rate, templates, dateRange })
    const problems = loadProblems(r)
    const alive = server.proc.exitCode === null
    const endpoint = (id: 'services' | 'query', what: string): Figure => {
      const e = r[id]
      const own = problems.filter((p) => p.startsWith(`${id}:`))
      return {
        id: `load_${id}`,
        group: 'load',
        label: `load: ${what} (${connections / 2} conns) during ingest`,
        unit: 'ms',
        median: e.p50,
        p95: e.p99,
        samples: e.requests,
        target: '0 errors, 0 non-2xx',
        judgedBy: 'errors + timeouts + non-2xx',
        pass: own.length === 0 && alive,
        note: `${e.requests.toLocaleString('en-US')} requests (${e.rps.toFixed(1)}/s), ${e.errors} errors, ${e.timeouts} timeouts, ${e.non2xx} non-2xx; p95 column = p99; max ${e.max} ms${own.length ? `; ${own.join('; ')}` : ''}`,
        extra: { ...e },
      }
    }
    const i = r.ingest
    return [
      endpoint('services', 'services last hour'),
      endpoint('query', 'query newest 100'),
      {
        id: 'load_ingest',
        group: 'load',
        label: 'load: steady ingest under the readers',
        unit: 'logs/s',
        median: i.achieved,
        p95: null,
        samples: i.ackedBatches,
        target: `≥ 95 % of ${rate.toLocaleString('en-US')}, every batch acked`,
        judgedBy: 'sustained rate (lag trend), acks',
        pass: i.achieved >= 0.95 * rate && i.failedBatches === 0 && i.ackedBatches === i.sentBatches,
        note: `${i.ackedBatches}/${i.sentBatches} batches of ${templates[0]!.logs} acknowledged; sustained ${(100 * i.achieved / rate).toFixed(1)} % of target (lag behind schedule grew ${(i.lagSlope * 1000).toFixed(1)} ms per s, max ${Math.round(i.maxLagMs)} ms; acks over their span ${Math.round(i.spanRate).toLocaleString('en-US')} logs/s); batch ack p50 ${i.batchLatencyP50.toFixed(0)} ms, p95 ${i.batchLatencyP95.toFixed(0)} ms${i.failures.length ? `; ${i.failures.join('; ')}` : ''}`,
        extra: { ...i },
      },
    ]
  } finally {
    await server.stop()
    rmSync(workDir, { recursive: true, force: true })
  }
}

async function main() {
  log(`Logdeck bench: ${rows.toLocaleString('en-US')} rows, phases ${[...only].join(', ')}; ${env.cpus} CPUs, load average ${env.loadavgStart.join(' ')}`)
  const figures: Figure[] = []
  const timings: Record<string, number> = {}
  /** Per phase: when it ran, how long, and how busy the machine was (a day's file mixes runs). */
  const phaseRuns: Record<string, { ranAt: string; seconds: number; loadavgStart: number[]; loadavgEnd: number[] }> = {}
  let phaseLoad = loadavg()
  let phaseStart = new Date()
  const begin = () => {
    phaseLoad = loadavg()
    phaseStart = new Date()
  }
  const round = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100)
  const stamp = (phase: string, t0: number) => {
    timings[phase] = Math.round((Date.now() - t0) / 100) / 10
    phaseRuns[phase] = { ranAt: phaseStart.toISOString(), seconds: timings[phase]!, loadavgStart: round(phaseLoad), loadavgEnd: round(loadavg()) }
  }
  let meta: StoreMeta | null = null
  let profile: unknown = undefined
  const store = join(DATA, `rows-${label(rows)}`)

  if (only.has('api') || only.has('ingest') || only.has('load')) {
    log(`\n▶ data: ${store}`)
    const t0 = Date.now()
    meta = await ensureStore(store, rows, 40, log)
    stamp('data', t0)
  }
  if (only.has('api') && meta) {
    log('\n▶ API latency (server as a child process; raw DuckDB on an identical copy, alternating)')
    begin()
    const t0 = Date.now()
    try {
      const r = await apiFigures({ store, meta, workDir: join(DATA, 'work-api'), log, budgetMs: num('budget', values.budget!) * 1000 })
      figures.push(...r.figures)
    } catch (e) {
      log(`  failed: ${(e as Error).stack}`)
      figures.push(failed('api', e as Error))
    } finally {
      rmSync(join(DATA, 'work-api'), { recursive: true, force: true })
    }
    stamp('api', t0)
  }
  if (only.has('ingest') && meta) {
    log('\n▶ OTLP ingest (protobuf batches, closed-loop senders)')
    begin()
    const t0 = Date.now()
    try {
      const r = await ingestFigures({
        store,
        workDir: join(DATA, 'work-ingest'),
        seconds: num('seconds', values.seconds!),
        senders: num('senders', values.senders!),
        batchLogs: num('batch', values.batch!),
        log,
        profileDir: values.profile ? join(DATA, 'profiles') : undefined,
      })
      figures.push(...r.figures)
      if (r.profiles) {
        profile = r.profiles.map((p) => ({ thread: p.thread, file: p.file, busyMs: Math.round(p.totalMs - p.idleMs), top: p.spots.slice(0, 20) }))
        for (const p of r.profiles) {
          log(`  CPU profile of the server's ${p.thread === 'main' ? 'main thread' : 'busiest worker thread'} (busy ${Math.round(p.totalMs - p.idleMs).toLocaleString('en-US')} ms): ${p.file}`)
          for (const s of p.spots.slice(0, 20)) log(`    ${s.selfPct.toFixed(1).padStart(5)} % self  ${s.totalPct.toFixed(1).padStart(5)} % total  ${s.fn}`)
        }
      }
    } catch (e) {
      log(`  failed: ${(e as Error).stack}`)
      figures.push(failed('ingest', e as Error))
    } finally {
      rmSync(join(DATA, 'work-ingest'), { recursive: true, force: true })
    }
    stamp('ingest', t0)
  }
  if (only.has('load') && meta) {
    log('\n▶ Load (autocannon readers + steady ingest, loopback)')
    begin()
    const t0 = Date.now()
    try {
      figures.push(...(await loadFigures(store, meta)))
    } catch (e) {
      log(`  failed: ${(e as Error).stack}`)
      figures.push(failed('load', e as Error))
    }
    stamp('load', t0)
  }
  if (only.has('browser')) {
    log('\n▶ Browser (headless Chromium, 5,000 services)')
    begin()
    const t0 = Date.now()
    try {
      const servicesStore = join(DATA, 'services-5000')
      const servicesMeta = await ensureStore(servicesStore, num('services-rows', values['services-rows']!), 5000, log)
      let distDir = values.dist ? join(process.cwd(), values.dist) : join(REPO_ROOT, 'dist')
      if (values.build) {
        distDir = join(DATA, 'dist')
        log(`  building the app into ${distDir}…`)
        execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'vite'), ['build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' })
      }
      figures.push(
        ...(await browserFigures({
          store: servicesStore,
          meta: servicesMeta,
          workDir: join(DATA, 'work-browser'),
          distDir,
          chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          runs: num('runs', values.runs!),
          log,
        })),
      )
    } catch (e) {
      log(`  failed: ${(e as Error).stack}`)
      figures.push(failed('browser', e as Error))
    } finally {
      rmSync(join(DATA, 'work-browser'), { recursive: true, force: true })
    }
    stamp('browser', t0)
  }
  closeConnections()

  env.loadavgEnd = loadavg().map((x) => Math.round(x * 100) / 100)
  const order = ['api', 'ingest', 'load', 'browser']
  figures.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group))
  console.log(`\nLogdeck bench — ${rows.toLocaleString('en-US')} rows${meta ? ` (${meta.rows.toLocaleString('en-US')} stored, ${(meta.bytes / 2 ** 30).toFixed(2)} GiB)` : ''}, ${new Date().toISOString()}, load average ${env.loadavgStart.join('/')} → ${env.loadavgEnd.join('/')}\n`)
  console.log(formatTable(figures))

  if (!values['no-write']) {
    mkdirSync(RESULTS, { recursive: true })
    const file = join(RESULTS, `${dayStamp()}-${label(rows)}.json`)
    // A run of some phases updates their figures in the day's file and keeps the others.
    const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { figures: Figure[]; phaseRuns?: typeof phaseRuns }) : null
    const merged = [...(previous?.figures ?? []).filter((f) => !figures.some((g) => g.id === f.id || g.group === f.group)), ...figures]
    merged.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group))
    const out = {
      rows,
      store: meta,
      ranAt: new Date(started).toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      phases: [...only],
      timings,
      machine: env,
      phaseRuns: { ...(previous?.phaseRuns ?? {}), ...phaseRuns },
      figures: merged,
      ...(profile ? { profile } : {}),
    }
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n')
    console.log(`\nwritten to ${file.replace(REPO_ROOT, '')}`)
  }
}

main().catch((e: Error) => {
  console.error(`bench: ${e.stack ?? e.message}`)
  process.exit(1)
})
