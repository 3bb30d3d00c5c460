import { Tooltip } from '@/components/ui/tooltip'
import type { ServiceRow } from '@/contract/logs'
import { levels, type Level } from '@/contract/severity'
import { formatCount, formatPercent } from '@/lib/format'
import { cn } from '@/lib/cn'

const levelClass: Record<Level, string> = {
  debug: 'bg-sev-debug',
  info: 'bg-sev-info',
  warn: 'bg-sev-warn',
  error: 'bg-sev-error',
}

/** One bar split by level (debug/info/warn/error); hover or focus shows % and counts. */
export function SeverityMixBar({ breakdown }: { breakdown: ServiceRow['severity_breakdown'] }) {
  const total = levels.reduce((sum, level) => sum + breakdown[level], 0)
  const parts = levels.map((level) => ({
    level,
    count: breakdown[level],
    pct: total > 0 ? (breakdown[level] / total) * 100 : 0,
  }))
  const summary = parts.map((p) => `${p.level} ${formatPercent(p.pct)} (${formatCount(p.count)})`).join(', ')

  return (
    <Tooltip
      className="w-full"
      content={
        <table className="tabular-nums">
          <tbody>
            {parts.map((p) => (
              <tr key={p.level}>
                <th scope="row" className="pr-3 text-left font-normal capitalize">
                  <span aria-hidden="true" className={cn('mr-1.5 inline-block size-2 rounded-full', levelClass[p.level])} />
                  {p.level}
                </th>
                <td className="pr-3 text-right">{formatPercent(p.pct)}</td>
                <td className="text-right text-muted-foreground">{formatCount(p.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <div
        role="img"
        tabIndex={0}
        aria-label={`Severity mix: ${summary}`}
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        {parts.map((p) =>
          p.count > 0 ? <span key={p.level} className={levelClass[p.level]} style={{ width: `${p.pct}%` }} /> : null,
        )}
      </div>
    </Tooltip>
  )
}
