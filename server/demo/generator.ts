import { CLIENTS, DEBUG_MESSAGES, DEMO_SERVICES, DEPENDENCIES, ERROR_MESSAGES, FLAGS, HOSTS, WARN_MESSAGES, type DemoService } from './catalog'
import { OtlpLogsWriter } from './otlp-writer'

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
const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))
const hex = (r: Rand, bytes: number) => {
  let s = ''
  for (let i = 0; i < bytes; i++) s += HEX_BYTES[Math.floor(r() * 256)]!
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

const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 } as const
type Sev = keyof typeof SEVERITY

/** One generated log, before it is written in either OTLP form. */
interface DemoLog {
  /** Microseconds since the epoch. */
  timeUs: number
  severity: Sev
  body: string
  /** String attributes as key, value, key, value… (a request's logs share them). */
  attributes: readonly string[]
  traceId: string
  spanId: string
}

const record = (tsMs: number, severity: Sev, body: string, attributes: readonly string[], traceId: string, spanId: string): DemoLog => ({
  timeUs: Math.round(tsMs * 1000),
  severity,
  body,
  attributes,
  traceId,
  spanId,
})

/** The logs one request (or job) leaves behind: 1–5 logs sharing a trace id. */
function requestLogs(r: Rand, svc: DemoService, tsMs: number, bursts: Burst[]): DemoLog[] {
  const traceId = hex(r, 16)
  const out: DemoLog[] = []
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
    const attrs = ['http.method', method, 'http.route', route, 'url.path', path, 'http.status_code', String(status), 'duration_ms', duration.toFixed(1), 'request_id', requestId]
    if (user) attrs.push('user.id', user)
    if (r() < 0.25) out.push(record(tsMs - 2, 'DEBUG', fill(pick(r, DEBUG_MESSAGES), r), ['request_id', requestId], traceId, hex(r, 8)))
    if (failing) {
      const msg = burst ? burst.message : fill(pick(r, ERROR_MESSAGES), r)
      out.push(record(tsMs + duration * 0.8, 'ERROR', msg, [...attrs, 'exception.type', pick(r, ['TimeoutError', 'UpstreamError', 'DeserializationError'])], traceId, hex(r, 8)))
    } else if (r() < 0.05) {
      out.push(record(tsMs + 1, 'WARN', fill(pick(r, WARN_MESSAGES), r), attrs, traceId, hex(r, 8)))
    }
    const sev: Sev = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO'
    out.push(record(tsMs + duration, sev, `${method} ${path} ${status} ${duration.toFixed(0)}ms`, attrs, traceId, hex(r, 8)))
  } else {
    const attrs = ['job.name', route, 'queue', `${svc.name}.default`, 'attempt', String(failing ? 1 + Math.floor(r() * 3) : 1), 'job_id', hex(r, 8)]
    const duration = 20 + r() ** 2 * 5000
    out.push(record(tsMs, 'DEBUG', `job ${route} picked up`, attrs, traceId, hex(r, 8)))
    if (failing) out.push(record(tsMs + duration, 'ERROR', `job ${route} failed: ${fill(pick(r, ERROR_MESSAGES), r)}`, attrs, traceId, hex(r, 8)))
    else out.push(record(tsMs + duration, 'INFO', `job ${route} finished in ${duration.toFixed(0)}ms`, [...attrs, 'duration_ms', duration.toFixed(1)], traceId, hex(r, 8)))
  }
  return out
}

/** Load-balancer health probes: the noise a path_drop rule for /health is made for. */
function healthCheck(r: Rand, tsMs: number): DemoLog {
  const path = pick(r, ['/health', '/healthz', '/ready'])
  return record(tsMs, 'INFO', `GET ${path} 200 1ms`, ['http.method', 'GET', 'http.route', path, 'url.path', path, 'http.status_code', '200', 'user_agent.original', 'kube-probe/1.31'], '', '')
}

/**
 * Where generated logs go, resource by resource (one service on one host), in either OTLP form.
 * OtlpLogsWriter (protobuf) is one; the OTLP/JSON builder below is the other.
 */
export interface DemoSink<R> {
  /** A new resource: string attributes as key, value, key, value…, and its scope's name. */
  resource(attributes: readonly string[], scopeName: string): R
  /** A log of `into`: time in microseconds (also its observed time), hex ids or empty. */
  log(into: R, timeUs: number, severityNumber: number, severityText: string, body: string, attributes: readonly string[], traceId: string, spanId: string): void
}

/**
 * About `approxLogs` logs spread over [fromMs, toMs) into `sink`, grouped by resource the way an
 * SDK batches them (resources in order of first appearance). Health checks make up ~18 % of the
 * volume. Returns how many logs were written; the same `r` state makes the same logs.
 */
export function generateLogs<R>(r: Rand, fromMs: number, toMs: number, approxLogs: number, bursts: Burst[], sink: DemoSink<R>): number {
  const resources = new Map<string, R>()
  // Logs a request leaves after the window (its duration) are pinned to the window's last whole millisecond.
  const lastUs = (Math.ceil(toMs) - 1) * 1000
  let count = 0
  while (count < approxLogs) {
    const svc = pickService(r)
    const tsMs = fromMs + r() * (toMs - fromMs)
    const logs = svc && svc.kind === 'http' && r() < 0.1 ? [healthCheck(r, tsMs)] : svc ? requestLogs(r, svc, tsMs, bursts) : [record(tsMs, 'INFO', `cron tick ${Math.floor(r() * 1000)}`, [], '', '')]
    const host = pick(r, HOSTS)
    const key = `${svc?.name ?? ''}|${host}`
    let into = resources.get(key)
    if (into === undefined) {
      const attributes = [
        ...(svc ? ['service.name', svc.name, 'service.version', svc.version] : []),
        'deployment.environment', 'production',
        'host.name', host,
        ...(svc ? ['k8s.pod.name', `${svc.name}-${host.slice(-2)}-7d9f`] : []),
      ]
      into = sink.resource(attributes, svc?.kind === 'worker' ? 'worker' : 'http-server')
      resources.set(key, into)
    }
    for (const log of logs) {
      const timeUs = log.timeUs >= toMs * 1000 ? lastUs : log.timeUs
      sink.log(into, timeUs, SEVERITY[log.severity], log.severity, log.body, log.attributes, log.traceId, log.spanId)
    }
    count += logs.length
  }
  return count
}

type OtlpAttr = { key: string; value: { stringValue: string } }
const otlpAttributes = (kv: readonly string[]): OtlpAttr[] => {
  const out: OtlpAttr[] = []
  for (let i = 0; i < kv.length; i += 2) out.push({ key: kv[i]!, value: { stringValue: kv[i + 1]! } })
  return out
}
const nanos = (us: number) => (us === 0 ? '0' : `${us}000`)

/** Builds the OTLP/JSON form of what the generator writes. */
class OtlpJsonSink implements DemoSink<object[]> {
  readonly resourceLogs: object[] = []

  resource(attributes: readonly string[], scopeName: string): object[] {
    const logRecords: object[] = []
    this.resourceLogs.push({ resource: { attributes: otlpAttributes(attributes) }, scopeLogs: [{ scope: { name: scopeName }, logRecords }] })
    return logRecords
  }

  log(into: object[], timeUs: number, severityNumber: number, severityText: string, body: string, attributes: readonly string[], traceId: string, spanId: string) {
    const ns = nanos(timeUs)
    into.push({ timeUnixNano: ns, observedTimeUnixNano: ns, severityNumber, severityText, body: { stringValue: body }, attributes: otlpAttributes(attributes), traceId, spanId })
  }
}

/** An OTLP/JSON export request (the object, to be JSON.stringify'd) from generateLogs. */
export function generateExport(r: Rand, fromMs: number, toMs: number, approxLogs: number, bursts: Burst[]): { payload: object; count: number } {
  const sink = new OtlpJsonSink()
  const count = generateLogs(r, fromMs, toMs, approxLogs, bursts, sink)
  return { payload: { resourceLogs: sink.resourceLogs }, count }
}

/**
 * The same export request as OTLP protobuf bytes (what SDK exporters send; the server's protobuf
 * reader is several times cheaper than its JSON one). Pass a long-lived writer to reuse its buffers.
 */
export function generateExportProto(r: Rand, fromMs: number, toMs: number, approxLogs: number, bursts: Burst[], writer = new OtlpLogsWriter()): { payload: Buffer; count: number } {
  const count = generateLogs(r, fromMs, toMs, approxLogs, bursts, writer)
  return { payload: writer.finish(), count }
}
