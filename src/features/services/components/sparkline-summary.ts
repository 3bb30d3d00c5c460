import { formatCount, formatInstant } from '@/lib/format'
import type { SparklineBucket, SparklineSeries } from '../api/shape-sparkline'

const DAY_MS = 86_400_000

/** Whether bucket times need a date: the series spans a day or more. */
export function spansDays(series: SparklineSeries): boolean {
  const { buckets } = series
  return buckets.length > 0 && buckets[buckets.length - 1]!.time - buckets[0]!.time >= DAY_MS
}

/** One sentence for the chart's title and accessible name: total, and the peak bucket. */
export function sparklineSummary(series: SparklineSeries, service: string): string {
  const { buckets } = series
  const withDate = spansDays(series)
  const total = buckets.reduce((sum, b) => sum + b.count, 0)
  const peak = buckets.reduce<SparklineBucket | null>((best, b) => (!best || b.count > best.count ? b : best), null)
  return peak
    ? `${service}: ${formatCount(total)} logs, peak ${formatCount(peak.count)} at ${formatInstant(peak.time, withDate)}`
    : `${service}: no logs`
}
