import { useIsFetching, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { cn } from '@/lib/cn'

/** Refetches everything on screen; relative time ranges move forward to now. The icon spins while loading. */
export function RefreshButton() {
  const queryClient = useQueryClient()
  const fetching = useIsFetching() > 0
  return (
    <Button size="sm" onClick={() => void queryClient.invalidateQueries()}>
      <Icon name="refresh" className={cn(fetching && 'animate-spin')} />
      Refresh
    </Button>
  )
}
