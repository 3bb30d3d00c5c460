import { normaliseLevel } from '../../src/contract/severity'
import { recordBytes, type LogRecord } from '../logs/record'
import { prng } from '../demo/generator'

/**
 * Test fixture (used only by the rules tests): a deterministic batch of varied logs — several
 * services and one without a service, every path key, /health, traces shared by several logs and
 * logs without a trace, all levels, status codes under both keys, latencies, attributes the rule
 * tests scope and filter on — arriving in bursts so rate limits bite.
 */

const SERVICES = ['checkout', 'checkout', 'search', 'search', 'search', 'billing', 'auth', '']
const PATHS = ['/health', '/api/v1/search', '/api/v1/orders', '/api/v2/users/42', '/internal/metrics', '/healthz']
const PATH_KEYS = ['url.path', 'http.path', 'http.route', 'path']
const SEVERITIES = ['DEBUG', 'TRACE', 'INFO', 'INFO', 'INFO', 'WARN', 'WARNING', 'ERROR', 'FATAL', '']

export interface TestBatchOptions {
  count: number
  /** Logs fall in [startMs, startMs + spanMs). */
  startMs: number
  spanMs: number
  seed?: number
}

export function generateLogs({ count, startMs, spanMs, seed = 1 }: TestBatchOptions): LogRecord[] {
  const rand = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('')
  const traces = Array.from({ length: Math.max(1, Math.floor(count / 8)) }, () => hex(32))
  // Bursts: a tenth of the seconds carry most of the traffic.
  const seconds = Math.max(1, Math.floor(spanMs / 1000))
  const hot = Array.from({ length: Math.max(1, Math.floor(seconds / 10)) }, () => Math.floor(rand() * seconds))
  const logs: LogRecord[] = []
  for (let i = 0; i < count; i++) {
    const second = rand() < 0.7 ? pick(hot) : Math.floor(rand() * seconds)
    const timestampMs = startMs + second * 1000 + Math.floor(rand() * 1000)
    const serviceName = pick(SERVICES)
    const attributes: Record<string, string> = {}
    if (rand() < 0.85) {
      const key = pick(PATH_KEYS)
      attributes[key] = pick(PATHS)
      // An empty earlier key must fall through to the next one.
      if (key !== 'url.path' && rand() < 0.2) attributes['url.path'] = ''
    }
    if (rand() < 0.6) attributes[rand() < 0.8 ? 'http.status_code' : 'http.response.status_code'] = pick(['200', '200', '201', '404', '500', '503', 'n/a'])
    if (rand() < 0.5) attributes[pick(['latency_ms', 'duration_ms'])] = String(Math.floor(rand() * 3000))
    if (rand() < 0.4) attributes.tenant = pick(['free', 'pro', 'enterprise'])
    if (rand() < 0.3) attributes.user_agent = pick(['Googlebot/2.1', 'Mozilla/5.0', 'curl/8'])
    if (rand() < 0.05) attributes.keep = ''
    const severityText = pick(SEVERITIES)
    const severityNumber = severityText === '' ? pick([1, 9, 13, 17]) : 0
    const body = `${pick(['request handled', 'cache miss for key', 'payment declined', 'user signed in', 'slow query'])} #${i}`
    const resourceAttributes: Record<string, string> = serviceName ? { 'service.name': serviceName } : {}
    const traceId = rand() < 0.7 ? pick(traces) : ''
    logs.push({
      uuid: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
      timestampUs: timestampMs * 1000,
      observedUs: timestampMs * 1000,
      severityText,
      severityNumber,
      level: normaliseLevel(severityText, severityNumber),
      serviceName,
      body,
      attributes,
      resourceAttributes,
      traceId,
      spanId: traceId ? hex(16) : '',
      eventName: '',
      bytes: recordBytes(body, attributes, resourceAttributes),
    })
  }
  return logs.sort((a, b) => a.timestampUs - b.timestampUs)
}
