import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { Link } from '@tanstack/react-router'
import { memo } from 'react'
import { Glyph } from '@/components/ui/glyph'
import type { RuleResponse } from '@/contract/rules'
import { cn } from '@/lib/cn'
import { formatCount } from '@/lib/format'
import { formatBytes } from '../../form/format-bytes'
import { ruleTypeLabels, scopeSummary } from '../../form/labels'
import { ROW_HEIGHT } from './rule-columns'
import { RuleEnabledSwitch } from './rule-enabled-switch'
import { RuleRowMenu } from './rule-row-menu'
import { RuleWarnings } from './rule-warnings'

interface RuleRowProps {
  rule: RuleResponse
  position: number
  total: number
  environmentId: number
  locked: boolean
  onMove: (rule: RuleResponse, toIndex: number) => void
  onDelete: (rule: RuleResponse) => void
}

const cell = 'border-b border-border px-3 align-middle'
/** A PostHog backend sends no impact or summary: say so rather than show a zero. */
const absent = (
  <>
    <span aria-hidden="true" className="text-muted-foreground">
      —
    </span>
    <span className="sr-only">Not reported</span>
  </>
)

/** One rule in evaluation order; the handle drags it (mouse, touch or keyboard). */
export const RuleRow = memo(function RuleRow({ rule, position, total, environmentId, locked, onMove, onDelete }: RuleRowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: rule.id, disabled: locked })
  const impact = rule.impact_24h

  return (
    <tr
      ref={setNodeRef}
      style={{ height: ROW_HEIGHT, transform: CSS.Translate.toString(transform && { ...transform, x: 0 }), transition }}
      className={cn('bg-surface', isDragging && 'relative z-20 bg-surface-raised shadow-lg', !rule.enabled && 'text-muted-foreground')}
    >
      <td className={cell}>
        <button
          ref={setActivatorNodeRef}
          type="button"
          {...attributes}
          {...listeners}
          aria-label={`Move ${rule.name}, position ${position} of ${total}`}
          className={cn(
            'grid size-8 touch-none place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
            locked ? 'cursor-wait opacity-50' : 'cursor-grab active:cursor-grabbing',
          )}
        >
          <Glyph name="grip" />
        </button>
      </td>
      <td className={cn(cell, 'text-right tabular-nums')}>{position}</td>
      <th scope="row" className={cn(cell, 'text-left font-normal')}>
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
      <td className={cn(cell, 'truncate')} title={scopeSummary(rule)}>
        {scopeSummary(rule)}
      </td>
      <td className={cell}>
        {rule.summary_string ? (
          <span className="line-clamp-2 text-xs" title={rule.summary_string}>
            {rule.summary_string}
          </span>
        ) : (
          absent
        )}
      </td>
      <td className={cn(cell, 'text-right tabular-nums')}>
        {impact ? (
          <>
            <span className="block">{formatCount(impact.dropped_logs)} logs</span>
            <span className="block text-xs text-muted-foreground">{formatBytes(impact.dropped_bytes)}</span>
          </>
        ) : (
          absent
        )}
      </td>
      <td className={cell}>
        <RuleWarnings warnings={rule.warnings} />
      </td>
      <td className={cell}>
        <RuleEnabledSwitch rule={rule} environmentId={environmentId} locked={locked} />
      </td>
      <td className={cn(cell, 'text-right')}>
        <RuleRowMenu rule={rule} position={position} total={total} locked={locked} onMove={onMove} onDelete={onDelete} />
      </td>
    </tr>
  )
})
