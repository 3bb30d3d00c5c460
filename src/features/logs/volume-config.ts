import type { Level } from '@/contract/severity'

/** Series of the volume chart: colours from the severity theme tokens, so it follows light/dark. */
export const volumeChartConfig: Record<Level, { label: string; color: string }> = {
  debug: { label: 'Debug', color: 'var(--sev-debug)' },
  info: { label: 'Info', color: 'var(--sev-info)' },
  warn: { label: 'Warn', color: 'var(--sev-warn)' },
  error: { label: 'Error', color: 'var(--sev-error)' },
}
