/**
 * Benchmark data: realistic LogRecords made directly (no OTLP round trip), in time order, written
 * straight through the store's own `writeBatch` — the same transaction ingestion commits (logs,
 * rollup, attribute-key catalog), so the store is exactly what ingestion would have built.
 *
 * The shape follows the demo generator (server/demo/generator.ts): Zipf-like service volume
 * (weight 1/k^1.1), a daily traffic curve, HTTP routes/status codes/latencies, 1–3 logs per trace,
 * ~1 % errors with two error bursts, ~10 % health-check noise, a few logs without a service.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Level } from '../../src/contract/severity'
import { DEBUG_MESSAGES, DEMO_SERVICES, DEPENDENCIES, ERROR_MESSAGES, HOSTS, WARN_MESSAGES, type DemoService } from '../../server/demo/catalog'
import { prng } from '../../server/demo/generator'
import { seedSlices } from '../../server/demo/seed-plan'
import { recordBytes, type LogRecord } from '../../server/logs/record'
import { Db, run } from '../../server/store/db'
import { ensureDefaults } from '../../server/store/environments'
import { foldDuplicates } from '../../server/store/deltas'
import { writeBatch } from '../../server/store/ingest-writes'

export const DAY_MS = 86_400_000
/** Bumped whenever the generated data or its stored form changes, so cached stores are rebuilt (2: schema 6). */
export const GENERATOR_VERSION = 2
/** A cached store is made again once its day ends this long ago. */
const MAX_STORE_AGE_MS = 6 * DAY_MS

type Rand = () => number

const WORDS = ['alpha', 'billing', 'cache', 'delta', 'edge', 'feed', 'gateway', 'hub', 'index', 'jobs', 'kv', 'ledger', 'mail', 'notify', 'orders', 'proxy', 'queue', 'render', 'sync', 'tasks']

/** The 40 demo services, then (for the 5,000-service store) made-up ones borrowing their routes. */
export function benchServices(n: number): DemoService[] {
  const out = DEMO_SERVICES.slice(0, Math.min(n, DEMO_SERVICES.length))
  for (let i = out.length; i < n; i++) {
    const like = DEMO_SERVICES[i % DEMO_SERVICES.length]!
    out.push({ ...like, name: `${WORDS[i % WORDS.length]}-${like.name}-${String(i).padStart(4, '0')}` })
  }
  return out
}

interface Burst {
  service: string
  fromMs: number
  toMs: number
  errorRate: number
  message: string
}

const hex32 = (r: Rand) => (Math.floor(r() * 0x100000000) >>> 0).toString(16).padStart(8, '0')

/** Makes records for a list of services; one instance per store, seeded, so a store is reproducible. */
export class RecordGenerator {
  private readonly r: Rand
  private readonly cumulative: Float64Array
  /** Per service and host: one frozen resource map shared by all its records (as the decoder does). */
  private readonly resources: { attrs: Record<string, string>; bytes: number }[][]
  private readonly noServiceResource: { attrs: Record<string, string>; bytes: number }
  private readonly bursts: Burst[]

  constructor(
    seed: number,
    private readonly services: DemoService[],
    endMs: number,
  ) {
    this.r = prng(seed)
    const weights = services.map((_, k) => 1 / (k + 1) ** 1.1)
    const sum = weights.reduce((a, b) => a + b, 0)
    this.cumulative = new Float64Array(weights.length)
    let acc = 0
    weights.forEach((w, i) => (this.cumulative[i] = acc += w / sum))
    const resource = (attrs: Record<string, string>) => ({ attrs: Object.freeze(attrs), bytes: recordBytes('', {}, attrs) })
    this.resources = services.map((svc) =>
      HOSTS.map((host) =>
        resource({
          'service.name': svc.name,
          'service.version': svc.version,
          'deployment.environment': 'production',
          'host.name': host,
          'k8s.pod.name': `${svc.name}-${host.slice(-2)}-7d9f`,
        }),
      ),
    )
    this.noServiceResource = resource({ 'deployment.environment': 'production', 'host.name': HOSTS[0]! })
    const h = 3_600_000
    this.bursts = [
      { service: 'payments', fromMs: endMs - 6 * h, toMs: endMs - 5.4 * h, errorRate: 0.45, message: 'timeout after 30000ms waiting for bank-gateway' },
      { service: 'search', fromMs: endMs - 1.5 * h, toMs: endMs - 1.2 * h, errorRate: 0.3, message: 'search-cluster shard 3 unavailable: no replica in sync' },
    ]
  }

  private pickService(): number {
    const x = this.r()
    const c = this.cumulative
    let lo = 0
    let hi = c.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (x <= c[mid]!) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!
  }

  private fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (_, k: string) => {
      switch (k) {
        case 'ms':
          return String(Math.round(50 + this.r() * 4000))
        case 'n':
          return String(1 + Math.floor(this.r() * 9))
        case 'pct':
          return String(80 + Math.floor(this.r() * 20))
        case 'bool':
          return this.r() < 0.5 ? 'true' : 'false'
        case 'key':
          return `user:${Math.floor(this.r() * 100000)}:profile`
        case 'dep':
          return this.pick(DEPENDENCIES)
        case 'flag':
          return this.pick(['new-checkout', 'recs-v2', 'dark-mode', 'fast-search'])
        case 'client':
          return this.pick(['ios/5.2.1', 'android/5.1.0', 'web/2026.11', 'partner-api'])
        case 'cls':
          return this.pick(['OrderHandler', 'CartService', 'PaymentProcessor'])
        default:
          return k
      }
    })
  }

  private push(
    out: LogRecord[],
    tsMs: number,
    level: Level,
    body: string,
    attributes: Record<string, string>,
    resource: { attrs: Record<string, string>; bytes: number },
    traceId: string,
  ) {
    const us = Math.round(tsMs * 1000)
    const text = level === 'debug' ? 'DEBUG' : level === 'info' ? 'INFO' : level === 'warn' ? 'WARN' : 'ERROR'
    out.push({
      uuid: randomUUID(),
      timestampUs: us,
      observedUs: us,
      severityText: text,
      severityNumber: level === 'debug' ? 5 : level === 'info' ? 9 : level === 'warn' ? 13 : 17,
      level,
      serviceName: resource.attrs['service.name'] ?? '',
      body,
      attributes,
      resourceAttributes: resource.attrs,
      traceId,
      spanId: traceId ? hex32(this.r) + hex32(this.r) : '',
      eventName: '',
      bytes: recordBytes(body, attributes, {}) + resource.bytes,
    })
  }

  /**
   * About `approx` records with timestamps in [fromMs, toMs), sorted by time. `cover` lists service
   * indexes that get one INFO log each in this slice (so a store with thousands of services holds
   * every one of them, however small its Zipf share).
   */
  batch(fromMs: number, toMs: number, approx: number, cover: readonly number[] = []): LogRecord[] {
    const out: LogRecord[] = []
    const r = this.r
    for (const k of cover) {
      const resource = this.resources[k]![0]!
      this.push(out, fromMs + r() * (toMs - fromMs), 'info', `service ${this.services[k]!.name} heartbeat`, { 'http.route': '/heartbeat' }, resource, '')
    }
    while (out.length < approx) {
      const tsMs = fromMs + r() * (toMs - fromMs)
      if (r() < 0.004) {
        this.push(out, tsMs, 'info', `cron tick ${Math.floor(r() * 1000)}`, {}, this.noServiceResource, '')
        continue
      }
      const k = this.pickService()
      const svc = this.services[k]!
      const resource = this.resources[k]![Math.floor(r() * HOSTS.length)]!
      if (svc.kind === 'http' && r() < 0.1) {
        const path = this.pick(['/health', '/healthz', '/ready'])
        const attrs = { 'http.method': 'GET', 'http.route': path, 'url.path': path, 'http.status_code': '200', 'user_agent.original': 'kube-probe/1.31' }
        this.push(out, tsMs, 'info', `GET ${path} 200 1ms`, attrs, resource, '')
        continue
      }
      const traceId = hex32(r) + hex32(r) + hex32(r) + hex32(r)
      const burst = this.bursts.find((b) => b.service === svc.name && tsMs >= b.fromMs && tsMs < b.toMs)
      const failing = r() < (burst ? burst.errorRate : 0.012)
      const route = this.pick(svc.routes)
      const user = r() < 0.7 ? `u_${Math.floor(r() ** 2 * 50000)}` : ''
      if (svc.kind === 'http') {
        const method = route.includes(':id') && r() < 0.3 ? this.pick(['PUT', 'DELETE', 'PATCH']) : r() < 0.75 ? 'GET' : 'POST'
        const path = route.replace(/:\w+/g, () => String(Math.floor(r() * 100000))).replace('*', `${hex32(r)}.js`)
        const status = failing ? this.pick([500, 502, 503, 504]) : r() < 0.06 ? this.pick([400, 401, 404, 409, 422]) : r() < 0.1 ? 201 : 200
        const duration = failing ? 800 + r() * 29000 : 3 + r() ** 3 * 900
        const requestId = hex32(r) + hex32(r)
        const attrs: Record<string, string> = {
          'http.method': method,
          'http.route': route,
          'url.path': path,
          'http.status_code': String(status),
          duration_ms: duration.toFixed(1),
          request_id: requestId,
        }
        if (user) attrs['user.id'] = user
        if (r() < 0.25) this.push(out, tsMs - 2, 'debug', this.fill(this.pick(DEBUG_MESSAGES)), { request_id: requestId }, resource, traceId)
        if (failing) {
          const msg = burst ? burst.message : this.fill(this.pick(ERROR_MESSAGES))
          const errAttrs = { ...attrs, 'exception.type': this.pick(['TimeoutError', 'UpstreamError', 'DeserializationError']) }
          this.push(out, Math.min(tsMs + duration * 0.8, toMs - 1), 'error', msg, errAttrs, resource, traceId)
        } else if (r() < 0.05) {
          this.push(out, Math.min(tsMs + 1, toMs - 1), 'warn', this.fill(this.pick(WARN_MESSAGES)), attrs, resource, traceId)
        }
        const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info'
        this.push(out, Math.min(tsMs + duration, toMs - 1), level, `${method} ${path} ${status} ${duration.toFixed(0)}ms`, attrs, resource, traceId)
      } else {
        const attrs = { 'job.name': route, queue: `${svc.name}.default`, attempt: String(failing ? 1 + Math.floor(r() * 3) : 1), job_id: hex32(r) + hex32(r) }
        const duration = 20 + r() ** 2 * 5000
        this.push(out, tsMs, 'debug', `job ${route} picked up`, attrs, resource, traceId)
        if (failing) this.push(out, Math.min(tsMs + duration, toMs - 1), 'error', `job ${route} failed: ${this.fill(this.pick(ERROR_MESSAGES))}`, attrs, resource, traceId)
        else this.push(out, Math.min(tsMs + duration, toMs - 1), 'info', `job ${route} finished in ${duration.toFixed(0)}ms`, { ...attrs, duration_ms: duration.toFixed(1) }, resource, traceId)
      }
    }
    out.sort((a, b) => a.timestampUs - b.timestampUs)
    return out
  }
}

export interface StoreMeta {
  generatorVersion: number
  rows: number
  services: number
  fromMs: number
  toMs: number
  createdAt: string
  seconds: number
  bytes: number
}

/** What a store dir holds; null when it is missing or was not finished (meta.json is written last). */
export function readMeta(dir: string): StoreMeta | null {
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as StoreMeta
    return meta.generatorVersion === GENERATOR_VERSION && existsSync(join(dir, 'logdeck.duckdb')) ? meta : null
  } catch {
    return null
  }
}

const BATCH_ROWS = 50_000

/** One slice of the day: its window, how many logs it gets, which services it must include. */
export interface Slice {
  fromMs: number
  toMs: number
  want: number
  /** Service indexes [from, to) that get one log each here. */
  cover: [number, number]
}

export interface PartPlan {
  dir: string
  seed: number
  services: number
  endMs: number
  slices: Slice[]
}

/** The day cut into ~50,000-row slices following a daily curve (busiest in the afternoon). */
export function planSlices(rows: number, services: number, fromMs: number): Slice[] {
  const coverAll = services > DEMO_SERVICES.length
  return seedSlices(rows, fromMs + DAY_MS, BATCH_ROWS).map((s, i, all) => ({
    fromMs: s.fromMs,
    toMs: s.toMs,
    want: s.logs,
    cover: coverAll ? [Math.floor((i * services) / all.length), Math.floor(((i + 1) * services) / all.length)] : [0, 0],
  }))
}

/**
 * Writes a part: its slices oldest first, each through `writeBatch` (the ingest transaction: logs,
 * rollup, key catalog); the next slice is generated while DuckDB commits the previous one.
 */
export async function writePart(plan: PartPlan, onProgress: (rows: number) => void): Promise<number> {
  const db = await Db.open({ dataDir: plan.dir, memoryLimit: '1GB' })
  try {
    await ensureDefaults(db)
    // One checkpoint at the end instead of one per 16 MB of WAL: the rows are the same, written sooner.
    await db.all(`SET checkpoint_threshold = '4GB'`)
    const gen = new RecordGenerator(plan.seed, benchServices(plan.services), plan.endMs)
    let written = 0
    let pending: Promise<void> = Promise.resolve()
    for (const s of plan.slices) {
      const cover: number[] = []
      for (let k = s.cover[0]; k < s.cover[1]; k++) cover.push(k)
      const records = gen.batch(s.fromMs, s.toMs, s.want, cover)
      await pending
      onProgress(written)
      written += records.length
      pending = writeBatch(db, [{ envId: 1, records }], [])
    }
    await pending
    onProgress(written)
    await db.all('CHECKPOINT')
    return written
  } finally {
    db.close()
  }
}

const PART_SCRIPT = fileURLToPath(new URL('./generate-part.ts', import.meta.url))

function runPart(plan: PartPlan, onProgress: (rows: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PART_SCRIPT, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let last = 0
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      for (const m of d.matchAll(/rows (\d+)/g)) last = Number(m[1])
      onProgress(last)
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('exit', (code) => (code === 0 ? resolve(last) : reject(new Error(`generating ${plan.dir} failed (exit ${code}): ${stderr.slice(-2000)}`))))
  })
}

/**
 * Builds (or reuses) a store of about `rows` logs over the 24 h ending now, `services` services.
 * The day is split into contiguous parts written in parallel by child processes (each through
 * writeBatch, like ingestion), then copied part after part, in time order, into one store: the logs
 * verbatim, the rollup and key-catalog counts added up where parts meet in a minute or an hour.
 */
export async function ensureStore(dir: string, rows: number, services: number, log: (line: string) => void): Promise<StoreMeta> {
  const cached = readMeta(dir)
  // The server re-evaluates only the last 7 days of logs after a rule change (server/rules/retag.ts):
  // an older store would measure simulate as if the change had just been made.
  const fresh = cached !== null && Date.now() - cached.toMs < MAX_STORE_AGE_MS
  if (cached && !fresh) log(`  ${dir} holds logs older than ${MAX_STORE_AGE_MS / DAY_MS} days: making it again`)
  if (cached && fresh && cached.rows >= rows * 0.98 && cached.services === services) {
    log(`  reusing ${dir}: ${cached.rows.toLocaleString('en-US')} rows, ${cached.services} services, made ${cached.createdAt}`)
    // Opening it as the server would brings a store made by an older build to the current schema
    // (once), so the copies each phase works on, and the read-only twin, are current too.
    const started = performance.now()
    const db = await Db.open({ dataDir: dir, memoryLimit: '2GB' })
    db.close()
    const s = (performance.now() - started) / 1000
    if (s > 1) log(`  brought ${dir} to the current schema in ${s.toFixed(1)} s`)
    return cached
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const started = performance.now()
  const toMs = Date.now()
  const fromMs = toMs - DAY_MS
  const slices = planSlices(rows, services, fromMs)
  const partCount = Math.min(PARTS, slices.length)
  const plans: PartPlan[] = Array.from({ length: partCount }, (_, p) => ({
    dir: join(dir, `part-${p}`),
    seed: 20261126 + services * 31 + p,
    services,
    endMs: toMs,
    slices: slices.slice(Math.floor((p * slices.length) / partCount), Math.floor(((p + 1) * slices.length) / partCount)),
  }))
  const progress = plans.map(() => 0)
  let lastPrint = performance.now()
  const onProgress = (p: number) => (n: number) => {
    progress[p] = n
    if (performance.now() - lastPrint < 5000) return
    lastPrint = performance.now()
    const done = progress.reduce((a, b) => a + b, 0)
    const s = (performance.now() - started) / 1000
    log(`  generating: ${done.toLocaleString('en-US')} / ${rows.toLocaleString('en-US')} rows in ${partCount} parallel parts (${Math.round(done / s).toLocaleString('en-US')} rows/s)`)
  }
  const counts = await Promise.all(plans.map((plan, p) => runPart(plan, onProgress(p))))
  const written = counts.reduce((a, b) => a + b, 0)
  const generatedS = (performance.now() - started) / 1000
  log(`  generated ${written.toLocaleString('en-US')} rows in ${generatedS.toFixed(0)} s; merging ${partCount} parts in time order…`)
  await mergeParts(dir, plans.map((p) => p.dir))
  for (const p of plans) rmSync(p.dir, { recursive: true, force: true })
  const seconds = Math.round((performance.now() - started) / 100) / 10
  const meta: StoreMeta = {
    generatorVersion: GENERATOR_VERSION,
    rows: written,
    services,
    fromMs,
    toMs,
    createdAt: new Date().toISOString(),
    seconds,
    bytes: fileSize(join(dir, 'logdeck.duckdb')),
  }
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2))
  log(`  store ready: ${written.toLocaleString('en-US')} rows in ${seconds} s (${Math.round(written / seconds).toLocaleString('en-US')} rows/s overall), ${(meta.bytes / 2 ** 30).toFixed(2)} GiB`)
  return meta
}

/** Parallel part writers: on 2 shared cores, more runnable writers also win a fairer CPU share. */
const PARTS = 4

export async function mergeParts(dir: string, parts: string[]) {
  // Opening through Db runs the migrations and makes environment 1, as on a server's first start.
  const db = await Db.open({ dataDir: dir, memoryLimit: '2GB' })
  try {
    await ensureDefaults(db)
    const c = db.ingestConnection
    for (const [i, part] of parts.entries()) {
      const file = join(part, 'logdeck.duckdb').replaceAll("'", "''")
      await run(c, `ATTACH '${file}' AS part${i} (READ_ONLY)`)
      await run(c, 'BEGIN TRANSACTION')
      await run(c, `INSERT INTO logs SELECT * FROM part${i}.logs`)
      await run(c, `INSERT INTO rollup_1m SELECT * FROM part${i}.rollup_1m`)
      await run(c, `INSERT INTO rollup_30m SELECT * FROM part${i}.rollup_30m`)
      await run(c, `INSERT INTO attribute_keys SELECT * FROM part${i}.attribute_keys`)
      await run(c, 'COMMIT')
      await run(c, `DETACH part${i}`)
    }
    // Where parts meet, a key has a row from each: one row per key, as a server's folds leave it.
    await foldDuplicates(c, 0)
    await run(c, 'CHECKPOINT')
  } finally {
    db.close()
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
