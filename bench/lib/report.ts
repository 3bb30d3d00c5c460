/** Figures, their statistics, the one printed table and the JSON written beside it. */
import { loadavg } from 'node:os'

export interface Figure {
  id: string
  group: 'api' | 'ingest' | 'browser' | 'load'
  label: string
  unit: string
  /** Null when the figure could not be measured (see note). */
  median: number | null
  p95: number | null
  samples?: number
  /** For API figures: the same store function run in the bench process on the same store (no HTTP). */
  raw?: { median: number; p95: number; inProcessMedian: number; inProcessP95: number; samples: number; cpuMsPerCall?: number }
  /** CPU the server spent per request or per unit (all threads; robust to a busy machine, unlike wall time). */
  cpuMs?: number
  /** Human-readable target, e.g. "≤ 50 ms". Empty: reported, not judged. */
  target: string
  /** Which statistic is compared with the target, e.g. "p50 over HTTP". */
  judgedBy: string
  /** True/false when judged; null when reported only or not measurable. */
  pass: boolean | null
  note?: string
  extra?: Record<string, unknown>
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}
export const median = (v: readonly number[]) => quantile(v, 0.5)
export const p95 = (v: readonly number[]) => quantile(v, 0.95)

const fmt = (n: number | null | undefined, unit: string): string => {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  if (unit === 'ms') return n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')
  if (unit === 'KB' || unit === 'MiB' || unit === '%') return n.toFixed(1)
  return Math.round(n).toLocaleString('en-US')
}

export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'p50', 'p95', 'unit', 'raw DuckDB p50 / p95 (ms)', 'server CPU ms', 'target', 'judged by', 'verdict']
  const rows = figures.map((f) => [
    f.label,
    fmt(f.median, f.unit),
    fmt(f.p95, f.unit),
    f.unit,
    f.raw ? `${fmt(f.raw.median, 'ms')} / ${fmt(f.raw.p95, 'ms')}` : '',
    f.cpuMs === undefined ? '' : fmt(f.cpuMs, 'ms'),
    f.target || '—',
    f.judgedBy || '—',
    f.pass === null ? (f.median === null ? 'not available' : 'reported') : f.pass ? 'PASS' : 'MISS',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const numeric = new Set([1, 2, 4, 5])
  const line = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' │ ')
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)]
  const notes = figures.filter((f) => f.note).map((f) => `  · ${f.label}: ${f.note}`)
  return [...out, ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n')
}

export interface Environment {
  node: string
  cpus: number
  loadavgStart: number[]
  loadavgEnd?: number[]
}

export function machine(cpus: number): Environment {
  return { node: process.version, cpus, loadavgStart: loadavg().map((x) => Math.round(x * 100) / 100) }
}
