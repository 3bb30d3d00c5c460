import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { retryAfterSeconds } from '../read-error'

/** Too many explanations: count down to when a retry can work, then offer it. */
export function ExplainRateLimited({ detail, onRetry }: { detail: string; onRetry: () => void }) {
  const [left, setLeft] = useState(() => retryAfterSeconds(detail))
  useEffect(() => {
    if (left <= 0) return
    const timer = window.setTimeout(() => setLeft((s) => s - 1), 1000)
    return () => window.clearTimeout(timer)
  }, [left])

  return (
    <div role="alert" className="space-y-3 rounded-lg border border-border bg-warning-soft p-4 text-sm">
      <p className="flex items-center gap-2 font-medium">
        <Icon name="clock" className="text-warning" />
        {left > 0 ? `Rate limited: try again in ${left} s` : 'You can try again now'}
      </p>
      <p className="text-muted-foreground">{detail}</p>
      <Button size="sm" onClick={onRetry} disabled={left > 0}>
        Retry
      </Button>
    </div>
  )
}
