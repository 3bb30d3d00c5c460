import { useIsFetching, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { cn } from '@/lib/cn'

/** Refetches everything on screen; relative time ranges move forward to now. */
export function RefreshButton() {
  const queryClient = useQueryClient()
  const fetching = useIsFetching() > 0
  return (
    <Button
      size="sm"
      onClick={() => void queryClient.invalidateQueries()}
      aria-describedby={fetching ? 'refresh-status' : undefined}
    >
      <Icon name="refresh" className={cn(fetching && 'animate-spin')} />
      Refresh
      {fetching && (
        <span id="refresh-status" className="sr-only">
          Loading
        </span>
      )}
    </Button>
  )
}
