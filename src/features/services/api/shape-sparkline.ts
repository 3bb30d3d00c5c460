import { bucketStart, bucketStarts, bucketStepMs } from '@/contract/buckets'
import { NO_SERVICE, type SparklinePoint } from '@/contract/logs'

/** One service's volume over the window: every bucket of the contract's grid, empty ones as 0. */
export interface SparklineBucket {
  time: number
  count: number
}
export interface SparklineSeries {
  stepMs: number
  buckets: SparklineBucket[]
}

export interface Window {
  fromMs: number
  toMs: number
}

/** Puts counts on the bucket grid of `buckets.ts` (about 50 UTC-aligned steps) and fills the gaps. */
export function zeroFilledSeries(points: readonly { time: string; count: number }[], window: Window): SparklineSeries {
  const stepMs = bucketStepMs(window.toMs - window.fromMs)
  const counts = new Map<number, number>()
  for (const point of points) {
    const ms = Date.parse(point.time)
    if (!Number.isFinite(ms)) continue
    const start = bucketStart(ms, stepMs)
    counts.set(start, (counts.get(start) ?? 0) + point.count)
  }
  return {
    stepMs,
    buckets: bucketStarts(window.fromMs, window.toMs, stepMs).map((time) => ({ time, count: counts.get(time) ?? 0 })),
  }
}

/** The API spells a missing service.name as `(no service)` in answers; raw rows may carry ''. */
function normaliseServiceName(name: string | null): string {
  return name === null || name === '' ? NO_SERVICE : name
}

/** Splits a by-service sparkline answer into one zero-filled series per requested service. */
export function seriesByService(points: readonly SparklinePoint[], services: readonly string[], window: Window): Map<string, SparklineSeries> {
  const grouped = new Map<string, SparklinePoint[]>()
  for (const point of points) {
    const name = normaliseServiceName(point.service)
    const list = grouped.get(name)
    if (list) list.push(point)
    else grouped.set(name, [point])
  }
  return new Map(services.map((service) => [service, zeroFilledSeries(grouped.get(service) ?? [], window)]))
}
