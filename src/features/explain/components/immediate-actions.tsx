import { Chip } from '@/components/ui/chip'
import { actionPriorities, type ExplainResponse } from '@/contract/explain'

const priorityTone = { now: 'danger', soon: 'warning', later: 'neutral' } as const

/** Next steps, most urgent first (now, soon, later). */
export function ImmediateActions({ actions }: { actions: ExplainResponse['immediate_actions'] }) {
  const ordered = [...actions].sort((a, b) => actionPriorities.indexOf(a.priority) - actionPriorities.indexOf(b.priority))
  return (
    <section aria-labelledby="explain-actions">
      <h4 id="explain-actions" className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        What to do
      </h4>
      <ul className="space-y-2">
        {ordered.map((action) => (
          <li key={action.action} className="flex gap-2">
            <Chip tone={priorityTone[action.priority]} className="mt-0.5 w-12 shrink-0 justify-center">
              {action.priority}
            </Chip>
            <div>
              <p className="font-medium">{action.action}</p>
              <p className="text-muted-foreground">{action.why}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
