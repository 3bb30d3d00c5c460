import type { TimeZoneMode } from '@/lib/log-filters/log-search'

/** Log timestamps to the millisecond, in the browser's zone or in UTC. */
const options: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
}
const formats: Record<TimeZoneMode, Intl.DateTimeFormat> = {
  local: new Intl.DateTimeFormat(undefined, options),
  utc: new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }),
}

export function formatLogTime(iso: string, tz: TimeZoneMode): string {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? formats[tz].format(ms) : iso
}

export const timeZoneLabel: Record<TimeZoneMode, string> = { local: 'Local time', utc: 'UTC' }
