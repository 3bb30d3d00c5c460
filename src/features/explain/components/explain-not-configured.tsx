import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { variablesIn } from '../read-error'

function VariableList({ label, names }: { label: string; names: string[] }) {
  if (names.length === 0) return null
  return (
    <div>
      <p className="text-muted-foreground">{label}</p>
      <ul aria-label={label} className="mt-1.5 flex flex-wrap gap-1.5">
        {names.map((name) => (
          <li key={name}>
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{name}</code>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** No AI provider on the server: which variables to set, and the server's own instructions. */
export function ExplainNotConfigured({ detail, onRetry }: { detail: string; onRetry: () => void }) {
  const { missing, mentioned } = variablesIn(detail)
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-border bg-background p-4 text-sm">
      <p className="flex items-center gap-2 font-medium">
        <Icon name="key" className="text-warning" />
        AI explanations are not set up on this server
      </p>
      <VariableList label="Set these environment variables on the server, then restart it:" names={missing} />
      <VariableList label="Also used when the provider needs it:" names={mentioned} />
      <p className="text-muted-foreground">{detail}</p>
      <Button size="sm" onClick={onRetry}>
        Check again
      </Button>
    </div>
  )
}
