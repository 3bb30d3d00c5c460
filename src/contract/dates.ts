import { z } from 'zod'

/** Relative dates of the contract: `-30M` minutes, `-1h`, `-24h`, `-7d`, `-30d`, `-2w`, `all`. */
const relativeRe = /^-(\d{1,6})([smMhdwy])$/
const unitMs: Record<string, number> = {
  s: 1000,
  m: 60_000, // lower-case m is accepted as minutes too; PostHog writes -30M
  M: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
}
/** The oldest instant `all` reaches back to. */
export const EPOCH_START_MS = Date.UTC(2000, 0, 1)

export function isDateInput(value: string): boolean {
  return resolveDate(value, Date.now()) !== null
}

/** Resolves a contract date (relative or ISO-8601) to epoch ms, or null when it is not one. */
export function resolveDate(value: string, nowMs: number): number | null {
  const v = value.trim()
  if (v === 'all') return EPOCH_START_MS
  const rel = relativeRe.exec(v)
  if (rel) return nowMs - Number(rel[1]) * unitMs[rel[2]!]!
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return null
  const ms = Date.parse(v)
  return Number.isFinite(ms) ? ms : null
}

export const dateInputSchema = z
  .string()
  .max(64)
  .refine(isDateInput, { message: 'Not a date: use ISO-8601 (2026-01-31T12:00:00Z) or a relative date like -1h, -24h, -7d, all.' })

export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

export interface ResolvedWindow {
  fromMs: number
  toMs: number
}

export const DEFAULT_DATE_FROM = '-1h'

/**
 * The window a `dateRange` selects: a missing range is the last hour, a missing/null `date_to` is now.
 * Returns null when the range is empty or inverted.
 */
export function resolveWindow(
  range: { date_from?: string | null; date_to?: string | null } | null | undefined,
  nowMs: number,
): ResolvedWindow | null {
  const fromMs = resolveDate(range?.date_from ?? DEFAULT_DATE_FROM, nowMs)
  const toMs = range?.date_to ? resolveDate(range.date_to, nowMs) : nowMs
  if (fromMs === null || toMs === null || fromMs >= toMs) return null
  return { fromMs, toMs }
}
