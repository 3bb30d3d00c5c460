import { Button } from '@/components/ui/button'
import { isApiError } from '@/lib/api-client'
import { formatCount } from '@/lib/format'

interface ListFooterProps {
  loaded: number
  hasMore: boolean
  loadingMore: boolean
  /** The last "next page" request failed. */
  error: unknown
  onRetry: () => void
}

/** Under the last row: loading more, the end of the results, or why the next page failed. */
export function ListFooter({ loaded, hasMore, loadingMore, error, onRetry }: ListFooterProps) {
  let content
  if (error) {
    const detail = isApiError(error) ? error.detail : error instanceof Error ? error.message : String(error)
    content = (
      <div role="alert" className="flex items-center justify-center gap-3">
        <span>
          Could not load more logs. <span className="text-muted-foreground">{detail}</span>
        </span>
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      </div>
    )
  } else if (loadingMore || hasMore) content = <span role="status">Loading more logs…</span>
  else content = <span>{`End of results · ${formatCount(loaded)} ${loaded === 1 ? 'log' : 'logs'}`}</span>
  return <div className="px-3 py-3 text-center text-xs text-muted-foreground">{content}</div>
}
