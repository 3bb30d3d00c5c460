/** Number, percentage and time formatting shared by every page (the browser's locale). */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })
const precisePercentFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function formatCount(value: number): string {
  return integer.format(value)
}

/** `72.4` (already 0–100) → `72.4 %`. */
export function formatPercent(value: number): string {
  return `${percentFormat.format(value)} %`
}

/** A fraction 0–1 → `5.20 %`, two decimals so small error rates stay visible. */
export function formatRate(fraction: number): string {
  return `${precisePercentFormat.format(fraction * 100)} %`
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

const fullDateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/** Times within a day show the clock only; longer spans add the date, and the year when it is not this one. */
export function formatInstant(ms: number, withDate: boolean): string {
  if (!withDate) return timeFormat.format(ms)
  const thisYear = new Date(ms).getFullYear() === new Date().getFullYear()
  return (thisYear ? dateTimeFormat : fullDateTimeFormat).format(ms)
}
