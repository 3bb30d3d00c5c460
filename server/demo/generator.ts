import { CLIENTS, DEBUG_MESSAGES, DEMO_SERVICES, DEPENDENCIES, ERROR_MESSAGES, FLAGS, HOSTS, WARN_MESSAGES, type DemoService } from './catalog'

/** mulberry32: small, fast, seedable — the same seed makes the same demo. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const hex = (r: Rand, bytes: number) => {
  let s = ''
  for (let i = 0; i < bytes; i++) s += Math.floor(r() * 256).toString(16).padStart(2, '0')
  return s
}

/** An error burst: for a while, one service fails a lot (what an on-call engineer would look for). */
export interface Burst {
  service: string
  fromMs: number
  toMs: number
  errorRate: number
  message: string
}

export function defaultBursts(nowMs: number): Burst[] {
  const h = 3_600_000
  return [
    { service: 'payments', fromMs: nowMs - 6 * h, toMs: nowMs - 5.4 * h, errorRate: 0.45, message: 'timeout after 30000ms waiting for bank-gateway' },
    { service: 'search', fromMs: nowMs - 1.5 * h, toMs: nowMs - 1.2 * h, errorRate: 0.3, message: 'search-cluster shard 3 unavailable: no replica in sync' },
  ]
}

const weights = DEMO_SERVICES.map((_, k) => 1 / (k + 1) ** 1.1)
const weightSum = weights.reduce((a, b) => a + b, 0)
const cumulative = weights.map(((sum) => (w: number) => (sum += w / weightSum))(0))

function pickService(r: Rand): DemoService | null {
  if (r() < 0.004) return null // a few senders forget service.name
  const x = r()
  const i = cumulative.findIndex((c) => x <= c)
  return DEMO_SERVICES[i === -1 ? DEMO_SERVICES.length - 1 : i]!
}

function fill(template: string, r: Rand): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case 'ms':
        return String(Math.round(50 + r() * 4000))
      case 'n':
        return String(1 + Math.floor(r() * 9))
      case 'pct':
        return String(80 + Math.floor(r() * 20))
      case 'bool':
        return r() < 0.5 ? 'true' : 'false'
      case 'key':
        return `user:${Math.floor(r() * 100000)}:profile`
      case 'dep':
        return pick(r, DEPENDENCIES)
      case 'flag':
        return pick(r, FLAGS)
      case 'client':
        return pick(r, CLIENTS)
      case 'cls':
        return pick(r, ['OrderHandler', 'CartService', 'PaymentProcessor'])
      default:
        return k
    }
  })
}

type OtlpValue = { stringValue: string } | { intValue: string } | { doubleValue: number }
type OtlpAttr = { key: string; value: OtlpValue }
const s = (key: string, value: string): OtlpAttr => ({ key, value: { stringValue: value } })

interface OtlpRecord {
  timeUnixNano: string
  observedTimeUnixNano: string
  severityNumber: number
  severityText: string
  body: OtlpValue
  attributes: OtlpAttr[]
  traceId: string
  spanId: string
}

const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 } as const
type Sev = keyof typeof SEVERITY

function record(tsMs: number, sev: Sev, body: string, attributes: OtlpAttr[], traceId: string, spanId: string): OtlpRecord {
  const ns = `${BigInt(Math.round(tsMs * 1000)) * 1000n}`
  return { timeUnixNano: ns, observedTimeUnixNano: ns, severityNumber: SEVERITY[sev], severityText: sev, body: { stringValue: body }, attributes, traceId, spanId }
}

/** The logs one request (or job) leaves behind: 1–5 logs sharing a trace id. */
function requestLogs(r: Rand, svc: DemoService, tsMs: number, bursts: Burst[]): OtlpRecord[] {
  const traceId = hex(r, 16)
  const out: OtlpRecord[] = []
  const burst = bursts.find((b) => b.service === svc.name && tsMs >= b.fromMs && tsMs < b.toMs)
  const failing = r() < (burst ? burst.errorRate : 0.012)
  const route = pick(r, svc.routes)
  const user = r() < 0.7 ? `u_${Math.floor(r() ** 2 * 50000)}` : ''
  if (svc.kind === 'http') {
    const method = route.includes(':id') && r() < 0.3 ? pick(r, ['PUT', 'DELETE', 'PATCH']) : r() < 0.75 ? 'GET' : 'POST'
    const path = route.replace(/:\w+/g, () => String(Math.floor(r() * 100000))).replace('*', `${hex(r, 4)}.js`)
    const status = failing ? pick(r, [500, 502, 503, 504]) : r() < 0.06 ? pick(r, [400, 401, 404, 409, 422]) : r() < 0.1 ? 201 : 200
    const duration = failing ? 800 + r() * 29000 : 3 + r() ** 3 * 900
    const requestId = hex(r, 8)
    const attrs = [
      s('http.method', method),
      s('http.route', route),
      s('url.path', path),
      s('http.status_code', String(status)),
      s('duration_ms', duration.toFixed(1)),
      s('request_id', requestId),
    ]
    if (user) attrs.push(s('user.id', user))
    if (r() < 0.25) out.push(record(tsMs - 2, 'DEBUG', fill(pick(r, DEBUG_MESSAGES), r), [s('request_id', requestId)], traceId, hex(r, 8)))
    if (failing) {
      const msg = burst ? burst.message : fill(pick(r, ERROR_MESSAGES), r)
      out.push(record(tsMs + duration * 0.8, 'ERROR', msg, [...attrs, s('exception.type', pick(r, ['TimeoutError', 'UpstreamError', 'DeserializationError']))], traceId, hex(r, 8)))
    } else if (r() < 0.05) {
      out.push(record(tsMs + 1, 'WARN', fill(pick(r, WARN_MESSAGES), r), attrs, traceId, hex(r, 8)))
    }
    const sev: Sev = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO'
    out.push(record(tsMs + duration, sev, `${method} ${path} ${status} ${duration.toFixed(0)}ms`, attrs, traceId, hex(r, 8)))
  } else {
    const attrs = [s('job.name', route), s('queue', `${svc.name}.default`), s('attempt', String(failing ? 1 + Math.floor(r() * 3) : 1)), s('job_id', hex(r, 8))]
    const duration = 20 + r() ** 2 * 5000
    out.push(record(tsMs, 'DEBUG', `job ${route} picked up`, attrs, traceId, hex(r, 8)))
    if (failing) out.push(record(tsMs + duration, 'ERROR', `job ${route} failed: ${fill(pick(r, ERROR_MESSAGES), r)}`, attrs, traceId, hex(r, 8)))
    else out.push(record(tsMs + duration, 'INFO', `job ${route} finished in ${duration.toFixed(0)}ms`, [...attrs, s('duration_ms', duration.toFixed(1))], traceId, hex(r, 8)))
  }
  return out
}

/** Load-balancer health probes: the noise a path_drop rule for /health is made for. */
function healthCheck(r: Rand, tsMs: number): OtlpRecord {
  const path = pick(r, ['/health', '/healthz', '/ready'])
  return record(tsMs, 'INFO', `GET ${path} 200 1ms`, [s('http.method', 'GET'), s('http.route', path), s('url.path', path), s('http.status_code', '200'), s('user_agent.original', 'kube-probe/1.31')], '', '')
}

/**
 * An OTLP/JSON export request with about `approxLogs` logs spread over [fromMs, toMs), grouped by
 * resource the way an SDK batches them. Health checks make up ~18 % of the volume.
 */
export function generateExport(r: Rand, fromMs: number, toMs: number, approxLogs: number, bursts: Burst[]): { payload: object; count: number } {
  const byService = new Map<string, { svc: DemoService | null; host: string; records: OtlpRecord[] }>()
  let count = 0
  while (count < approxLogs) {
    const svc = pickService(r)
    const tsMs = fromMs + r() * (toMs - fromMs)
    const recs = svc && svc.kind === 'http' && r() < 0.1 ? [healthCheck(r, tsMs)] : svc ? requestLogs(r, svc, tsMs, bursts) : [record(tsMs, 'INFO', `cron tick ${Math.floor(r() * 1000)}`, [], '', '')]
    const host = pick(r, HOSTS)
    const key = `${svc?.name ?? ''}|${host}`
    let group = byService.get(key)
    if (!group) byService.set(key, (group = { svc, host, records: [] }))
    for (const rec of recs) {
      const ms = Number(BigInt(rec.timeUnixNano) / 1_000_000n)
      if (ms >= toMs) rec.timeUnixNano = rec.observedTimeUnixNano = `${BigInt(toMs - 1) * 1_000_000n}`
    }
    group.records.push(...recs)
    count += recs.length
  }
  const resourceLogs = [...byService.values()].map((g) => ({
    resource: {
      attributes: [
        ...(g.svc ? [s('service.name', g.svc.name), s('service.version', g.svc.version)] : []),
        s('deployment.environment', 'production'),
        s('host.name', g.host),
        ...(g.svc ? [s('k8s.pod.name', `${g.svc.name}-${g.host.slice(-2)}-7d9f`)] : []),
      ],
    },
    scopeLogs: [{ scope: { name: g.svc?.kind === 'worker' ? 'worker' : 'http-server' }, logRecords: g.records }],
  }))
  return { payload: { resourceLogs }, count }
}
