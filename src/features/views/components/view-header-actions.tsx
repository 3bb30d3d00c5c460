import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import type { View } from '@/contract/views'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { cn } from '@/lib/cn'
import { useUpdateView } from '../api/use-view-mutations'

/** Pin to the sidebar and copy the share link (which opens the view as saved). */
export function ViewHeaderActions({ view }: { view: View }) {
  const { environmentId } = useGlobalSearch()
  const update = useUpdateView(environmentId)
  const copyLink = async () => {
    const url = new URL(`/views/${encodeURIComponent(view.short_id)}?env=${environmentId}`, window.location.origin).toString()
    try {
      await navigator.clipboard.writeText(url)
      toast.success('Link copied', url)
    } catch {
      toast.error('Could not copy the link', url)
    }
  }
  return (
    <>
      <Button
        aria-pressed={view.pinned}
        aria-label={view.pinned ? `Unpin ${view.name}` : `Pin ${view.name}`}
        onClick={() => update.mutate({ view, patch: { pinned: !view.pinned } })}
        className={cn(view.pinned && 'text-primary')}
      >
        <Icon name="pin" />
        {view.pinned ? 'Pinned' : 'Pin'}
      </Button>
      <Button onClick={() => void copyLink()}>
        <Icon name="link" />
        Copy link
      </Button>
    </>
  )
}
