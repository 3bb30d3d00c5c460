const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' })
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const dayAndClock = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })

/** `just now`, `12 min. ago`, `3 hr. ago` (the browser's locale). */
export function formatAgo(ms: number, nowMs: number): string {
  const seconds = Math.round((nowMs - ms) / 1000)
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return relative.format(-minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (hours < 48) return relative.format(-hours, 'hour')
  return relative.format(-Math.round(hours / 24), 'day')
}

/** `09:12` today, `Mar 2, 09:12` otherwise. */
export function formatClock(ms: number, nowMs: number): string {
  return new Date(ms).toDateString() === new Date(nowMs).toDateString() ? clock.format(ms) : dayAndClock.format(ms)
}
