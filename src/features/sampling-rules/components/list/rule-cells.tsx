import { Link } from '@tanstack/react-router'
import { memo } from 'react'
import type { RuleResponse } from '@/contract/rules'
import { cn } from '@/lib/cn'
import { formatCount } from '@/lib/format'
import { formatBytes } from '../../form/format-bytes'
import { ruleTypeLabels, scopeSummary } from '../../form/labels'
import { RuleEnabledSwitch } from './rule-enabled-switch'
import { RuleRowMenu } from './rule-row-menu'
import { RuleWarnings } from './rule-warnings'

export interface RuleCellsProps {
  rule: RuleResponse
  position: number
  total: number
  environmentId: number
  onMove: (rule: RuleResponse, toIndex: number) => void
  onToggle: (change: { id: string; enabled: boolean }) => void
  onDelete: (rule: RuleResponse) => void
}

export const cellClass = 'border-b border-border px-3 align-middle'

/** A PostHog backend sends no impact or summary: say so rather than show a zero. */
const absent = (
  <>
    <span aria-hidden="true" className="text-muted-foreground">
      —
    </span>
    <span className="sr-only">Not reported</span>
  </>
)

/**
 * Everything of a row but its drag handle. Memoised apart from the sortable row, which re-renders
 * on every step of a drag: during a drag and at the drop only the handles and moved rows render.
 */
export const RuleCells = memo(function RuleCells({ rule, position, total, environmentId, onMove, onToggle, onDelete }: RuleCellsProps) {
  const impact = rule.impact_24h
  const scope = scopeSummary(rule)
  return (
    <>
      <td className={cn(cellClass, 'text-right tabular-nums')}>{position}</td>
      <th scope="row" className={cn(cellClass, 'text-left font-normal')}>
        <Link
          to="/sampling-rules/$id"
          params={{ id: rule.id }}
          className="block truncate font-medium text-foreground hover:underline focus-visible:outline-2 focus-visible:outline-ring"
        >
          {rule.name}
        </Link>
        <span className="block truncate text-xs text-muted-foreground">
          {ruleTypeLabels[rule.rule_type]}
          {!rule.enabled && ' · disabled'}
        </span>
      </th>
      <td className={cn(cellClass, 'truncate')} title={scope}>
        {scope}
      </td>
      <td className={cellClass}>
        {rule.summary_string ? (
          <span className="line-clamp-2 text-xs" title={rule.summary_string}>
            {rule.summary_string}
          </span>
        ) : (
          absent
        )}
      </td>
      <td className={cn(cellClass, 'text-right tabular-nums')}>
        {impact ? (
          <>
            <span className="block">{formatCount(impact.dropped_logs)} logs</span>
            <span className="block text-xs text-muted-foreground">{formatBytes(impact.dropped_bytes)}</span>
          </>
        ) : (
          absent
        )}
      </td>
      <td className={cellClass}>
        <RuleWarnings warnings={rule.warnings} />
      </td>
      <td className={cellClass}>
        <RuleEnabledSwitch rule={rule} environmentId={environmentId} onToggle={onToggle} />
      </td>
      <td className={cn(cellClass, 'text-right')}>
        <RuleRowMenu rule={rule} position={position} total={total} onMove={onMove} onDelete={onDelete} />
      </td>
    </>
  )
})
