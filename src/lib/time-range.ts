import { z } from 'zod'
import { dateInputSchema, resolveDate } from '@/contract/dates'
import type { DateRange } from '@/contract/query'
import { formatInstant } from './format'

/**
 * The time range every page shares. It lives in the URL as `from` (a contract date: relative like
 * `-24h` or ISO-8601) and an optional `to` (absent = now). The 1-hour default is left out.
 */
export const DEFAULT_FROM = '-1h'

export const timePresets = [
  { from: '-5M', label: 'Last 5 minutes' },
  { from: '-15M', label: 'Last 15 minutes' },
  { from: '-1h', label: 'Last 1 hour' },
  { from: '-6h', label: 'Last 6 hours' },
  { from: '-24h', label: 'Last 24 hours' },
  { from: '-7d', label: 'Last 7 days' },
] as const

export interface TimeRange {
  from: string
  to?: string
}

export const timeRangeSearchSchema = z.object({
  from: dateInputSchema.default(DEFAULT_FROM).catch(DEFAULT_FROM),
  to: dateInputSchema.optional().catch(undefined),
})

/** Resolves the range to epoch ms at `nowMs`; a `to` at or before `from` is treated as now. */
export function resolveTimeRange(range: TimeRange, nowMs: number): { fromMs: number; toMs: number } {
  const fromMs = resolveDate(range.from, nowMs) ?? nowMs - 3_600_000
  const toMs = range.to ? (resolveDate(range.to, nowMs) ?? nowMs) : nowMs
  return toMs > fromMs ? { fromMs, toMs } : { fromMs, toMs: nowMs }
}

export function toDateRange(range: TimeRange): DateRange {
  return { date_from: range.from, date_to: range.to ?? null }
}

const unitNames: Record<string, string> = { s: 'second', m: 'minute', M: 'minute', h: 'hour', d: 'day', w: 'week', y: 'year' }

/** A sentence-case label: `Last 24 hours`, `Last 90 minutes`, or `Jan 2, 10:00 – Jan 3, 09:00`. */
export function describeTimeRange(range: TimeRange): string {
  const preset = timePresets.find((p) => p.from === range.from)
  if (preset && !range.to) return preset.label
  if (range.from === 'all' && !range.to) return 'All time'
  const rel = /^-(\d+)([smMhdwy])$/.exec(range.from)
  if (rel && !range.to) {
    const n = Number(rel[1])
    return `Last ${n} ${unitNames[rel[2]!]}${n === 1 ? '' : 's'}`
  }
  const { fromMs, toMs } = resolveTimeRange(range, Date.now())
  return `${formatInstant(fromMs, true)} – ${range.to ? formatInstant(toMs, true) : 'now'}`
}
