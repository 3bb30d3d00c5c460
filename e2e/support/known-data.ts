import { otlpPayload, type TestLog } from '../../server/test/support/server'

/**
 * The data set every end-to-end test can rely on (besides a small demo background): services whose
 * names no demo service has, with exact counts inside the last hour.
 */
export const KNOWN = {
  checkout: { name: 'e2e-checkout', total: 120, errors: 12, warn: 18, debug: 30 },
  search: { name: 'e2e-search', total: 80, errors: 0, warn: 8, debug: 0 },
  xss: { name: 'e2e-xss', body: '<img src=x onerror=alert(1)>' },
} as const

export function knownLogs(nowMs: number): TestLog[] {
  const logs: TestLog[] = []
  const c = KNOWN.checkout
  for (let i = 0; i < c.total; i++) {
    const severity = i < c.errors ? 'ERROR' : i < c.errors + c.warn ? 'WARN' : i < c.errors + c.warn + c.debug ? 'DEBUG' : 'INFO'
    logs.push({
      service: c.name,
      body: severity === 'ERROR' ? `payment ${i} failed: card processor timeout after 30000ms` : `GET /checkout/${i} 200 ${10 + i}ms`,
      severity,
      timeMs: nowMs - 40 * 60_000 + i * 15_000,
      attributes: { 'http.route': i % 3 === 0 ? '/health' : '/checkout/:id', 'http.status_code': severity === 'ERROR' ? 504 : 200, 'customer.tier': i % 2 ? 'gold' : 'free' },
      resource: { 'host.name': 'e2e-host-1' },
      traceId: (i % 40).toString(16).padStart(32, '0'),
      spanId: (i + 1).toString(16).padStart(16, '0'),
    })
  }
  const s = KNOWN.search
  for (let i = 0; i < s.total; i++) {
    logs.push({ service: s.name, body: `query "shoes" returned ${i} results`, severity: i < s.warn ? 'WARN' : 'INFO', timeMs: nowMs - 50 * 60_000 + i * 30_000, attributes: { 'http.route': '/search' } })
  }
  logs.push({ service: KNOWN.xss.name, body: KNOWN.xss.body, severity: 'WARN', timeMs: nowMs - 5 * 60_000, attributes: { note: '<b>bold?</b>' } })
  return logs
}

export { otlpPayload }
