/** Severity normalisation used everywhere (api.md §2). */
export const levels = ['debug', 'info', 'warn', 'error'] as const
export type Level = (typeof levels)[number]

export const severityLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const
export type SeverityLevel = (typeof severityLevels)[number]

export function normaliseLevel(severityText: string | null | undefined, severityNumber: number | null | undefined): Level {
  switch ((severityText ?? '').trim().toLowerCase()) {
    case 'trace':
    case 'debug':
      return 'debug'
    case 'info':
      return 'info'
    case 'warn':
    case 'warning':
      return 'warn'
    case 'error':
    case 'fatal':
      return 'error'
  }
  const n = severityNumber ?? 0
  if (n >= 17) return 'error'
  if (n >= 13) return 'warn'
  if (n >= 9) return 'info'
  return 'debug'
}

/** The normalised level a requested severity filter selects. */
export function levelOfSeverity(s: SeverityLevel): Level {
  return normaliseLevel(s, null)
}
