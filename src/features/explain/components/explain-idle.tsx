import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'

/** Before anything is sent: what the button does and what leaves the server. */
export function ExplainIdle({ onExplain }: { onExplain: () => void }) {
  return (
    <div className="flex flex-col items-start gap-3 text-sm">
      <p>Get a plain-language reading of this log: what happened, how bad it is, likely causes and what to do next.</p>
      <Button variant="primary" onClick={onExplain}>
        Explain this log
      </Button>
      <p className="flex gap-2 text-xs text-muted-foreground">
        <Icon name="info" className="mt-0.5" />
        <span>
          The log (body, attributes and resource attributes) is sent to the AI model configured on the server, after secrets are
          redacted: bearer tokens, API keys, passwords in URLs, and personal data such as emails and card numbers.
        </span>
      </p>
    </div>
  )
}
