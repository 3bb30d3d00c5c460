import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { isApiError } from '@/lib/api-client'

/** A refresh failed but older data is still on screen: say so without hiding the table. */
export function RefreshFailedBanner({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const detail = isApiError(error) ? error.detail : error instanceof Error ? error.message : String(error)
  return (
    <div role="alert" className="flex items-center gap-3 rounded-md bg-warning-soft px-3 py-2 text-sm">
      <Icon name="alert" className="text-warning" />
      <p className="min-w-0 flex-1">
        Could not refresh; showing the last answer. <span className="text-muted-foreground">{detail}</span>
      </p>
      <Button size="sm" onClick={onRetry}>
        Retry
      </Button>
    </div>
  )
}
