import { memo, useId, useState, type FocusEvent, type PointerEvent } from 'react'
import type { ServiceRow } from '@/contract/logs'
import { levels, type Level } from '@/contract/severity'
import { formatCount, formatPercent } from '@/lib/format'
import { cn } from '@/lib/cn'
import { TooltipBubble, tooltipPlacement, type TooltipPlacement } from '@/components/ui/tooltip'

const levelClass: Record<Level, string> = {
  debug: 'bg-sev-debug',
  info: 'bg-sev-info',
  warn: 'bg-sev-warn',
  error: 'bg-sev-error',
}

/**
 * One bar split by level (debug/info/warn/error); hover or focus shows % and counts in a table.
 *
 * Unlike `ui/tooltip`, the table is only in the DOM while shown: this is in every row of a table that
 * mounts rows as it scrolls, and the bar's accessible name already says every level's % and count.
 */
export const SeverityMixBar = memo(function SeverityMixBar({ breakdown }: { breakdown: ServiceRow['severity_breakdown'] }) {
  const id = useId()
  const [placement, setPlacement] = useState<TooltipPlacement | null>(null)
  const total = levels.reduce((sum, level) => sum + breakdown[level], 0)
  const parts = levels.map((level) => ({
    level,
    count: breakdown[level],
    pct: total > 0 ? (breakdown[level] / total) * 100 : 0,
  }))
  const summary = parts.map((p) => `${p.level} ${formatPercent(p.pct)} (${formatCount(p.count)})`).join(', ')
  const show = (event: PointerEvent<HTMLElement> | FocusEvent<HTMLElement>) => setPlacement(tooltipPlacement(event.currentTarget))
  const hide = () => setPlacement(null)

  return (
    <>
      <div
        role="img"
        tabIndex={0}
        aria-label={`Severity mix: ${summary}`}
        aria-describedby={placement ? id : undefined}
        onPointerEnter={show}
        onPointerLeave={hide}
        onFocus={show}
        onBlur={hide}
        onKeyDown={(event) => {
          if (event.key === 'Escape') hide()
        }}
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        {parts.map((p) =>
          p.count > 0 ? <span key={p.level} className={levelClass[p.level]} style={{ width: `${p.pct}%` }} /> : null,
        )}
      </div>
      {placement && (
        <TooltipBubble id={id} placement={placement}>
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
        </TooltipBubble>
      )}
    </>
  )
})
