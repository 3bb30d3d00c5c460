const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

/** 1536 → "1.5 KB" (powers of 1024, as the rate limit's KB/s). */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${oneDecimal.format(value)} ${units[unit]}`
}

const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })

/** The estimate as the API gives it (two decimals): 37.5 → "37.5 %". */
export function formatReduction(pct: number): string {
  return `${twoDecimals.format(pct)} %`
}
