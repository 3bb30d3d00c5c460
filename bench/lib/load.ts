/**
 * Bounded load on loopback: autocannon readers (half on `services`, half on `query`) while OTLP
 * ingestion runs at a steady rate. Used by `npm run bench -- --only load` (60 s, 20 k logs/s) and,
 * small, by server/test/load.api.test.ts (seconds).
 */
import autocannon, { type Result } from 'autocannon'
import { ingestSteady, type ProtoTemplate } from './otlp'
import { median, p95 } from './report'

export interface LoadOptions {
  url: string
  token: string
  seconds: number
  /** Reader connections in all (half per endpoint). */
  connections: number
  ingestRate: number
  templates: ProtoTemplate[]
  /** The window both readers ask about. */
  dateRange: { date_from: string; date_to?: string }
}

export interface EndpointLoad {
  requests: number
  rps: number
  p50: number
  p99: number
  max: number
  errors: number
  timeouts: number
  non2xx: number
  statusCodes: Record<string, number>
}

export interface LoadResult {
  services: EndpointLoad
  query: EndpointLoad
  ingest: {
    target: number
    achieved: number
    sentBatches: number
    ackedBatches: number
    failedBatches: number
    failures: string[]
    batchLatencyP50: number
    batchLatencyP95: number
    seconds: number
    /** Acknowledged logs / span of acknowledgements (reads low over short runs: answers come per flush). */
    spanRate: number
    /** Growth of a batch's lag behind its schedule, ms per ms (0: keeping up). */
    lagSlope: number
    maxLagMs: number
  }
}

function summarise(r: Result): EndpointLoad {
  return {
    requests: r.requests.total ?? r['2xx'] + r.non2xx,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
  }
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json' }
  const reader = (path: string, body: unknown) =>
    autocannon({
      url: o.url,
      connections: Math.max(1, Math.floor(o.connections / 2)),
      duration: o.seconds,
      timeout: 30,
      requests: [{ method: 'POST', path, headers, body: JSON.stringify(body) }],
    })
  const [services, query, ingest] = await Promise.all([
    reader('/api/environments/1/logs/services', { query: { dateRange: o.dateRange, limit: 10_000 } }),
    reader('/api/environments/1/logs/query', { query: { dateRange: o.dateRange, limit: 100 } }),
    ingestSteady(o.url, o.token, o.templates, o.ingestRate, o.seconds),
  ])
  return {
    services: summarise(services),
    query: summarise(query),
    ingest: {
      target: o.ingestRate,
      achieved: ingest.rate,
      sentBatches: ingest.sentBatches,
      ackedBatches: ingest.ackedBatches,
      failedBatches: ingest.failedBatches,
      failures: ingest.failures,
      batchLatencyP50: median(ingest.latencies),
      batchLatencyP95: p95(ingest.latencies),
      seconds: ingest.seconds,
      spanRate: ingest.spanRate,
      lagSlope: ingest.lagSlope,
      maxLagMs: ingest.maxLagMs,
    },
  }
}

/** Everything the load test and the bench require of a run; empty when it held. */
export function loadProblems(r: LoadResult): string[] {
  const problems: string[] = []
  for (const [name, e] of [['services', r.services], ['query', r.query]] as const) {
    if (e.requests === 0) problems.push(`${name}: no request completed`)
    if (e.errors) problems.push(`${name}: ${e.errors} connection errors`)
    if (e.timeouts) problems.push(`${name}: ${e.timeouts} timeouts`)
    if (e.non2xx) problems.push(`${name}: ${e.non2xx} non-2xx answers (${JSON.stringify(e.statusCodes)})`)
  }
  const i = r.ingest
  if (i.failedBatches) problems.push(`ingest: ${i.failedBatches} of ${i.sentBatches} batches not acknowledged (${i.failures.join('; ')})`)
  if (i.ackedBatches !== i.sentBatches) problems.push(`ingest: ${i.ackedBatches} of ${i.sentBatches} batches acknowledged`)
  if (i.achieved < 0.95 * i.target) {
    problems.push(`ingest starved: sustained ${Math.round(i.achieved)} logs/s of ${i.target} targeted (< 95 %; lag grew ${(i.lagSlope * 1000).toFixed(0)} ms per s, max ${Math.round(i.maxLagMs)} ms)`)
  }
  return problems
}
