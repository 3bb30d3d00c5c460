import { Link } from '@tanstack/react-router'
import { chipVariants } from '@/components/ui/chip'
import { Tooltip } from '@/components/ui/tooltip'
import type { ActiveRule } from '@/contract/logs'
import { cn } from '@/lib/cn'

const SHOWN = 2
const linkClass = 'hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring'

/** The enabled sampling rules that can match this service, in evaluation order, as links. */
export function ActiveRuleChips({ rules }: { rules: readonly ActiveRule[] }) {
  if (rules.length === 0) {
    return (
      <span className="text-muted-foreground">
        <span aria-hidden="true">—</span>
        <span className="sr-only">None</span>
      </span>
    )
  }
  const rest = rules.slice(SHOWN)
  return (
    <ul className="flex min-w-0 items-center gap-1" aria-label="Active sampling rules">
      {rules.slice(0, SHOWN).map((rule) => (
        <li key={rule.rule_id} className="min-w-0">
          <Tooltip content={rule.summary_string}>
            <Link to="/sampling-rules/$id" params={{ id: rule.rule_id }} className={cn(chipVariants({ tone: 'primary' }), linkClass, 'max-w-[7.5rem]')}>
              <span className="truncate">{rule.rule_name}</span>
            </Link>
          </Tooltip>
        </li>
      ))}
      {rest.length > 0 && (
        <li className="shrink-0">
          <Tooltip content={rest.map((rule) => rule.rule_name).join(', ')}>
            <Link to="/sampling-rules" className={cn(chipVariants(), linkClass)} aria-label={`${rest.length} more sampling rules`}>
              +{rest.length}
            </Link>
          </Tooltip>
        </li>
      )}
    </ul>
  )
}
