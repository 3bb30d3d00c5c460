import { Link } from '@tanstack/react-router'
import { Button, buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import type { View } from '@/contract/views'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { summariseFilters } from '@/lib/log-filters/describe-filters'
import { differsFromView, fromViewFilters, toViewFilters } from '@/lib/log-filters/log-query'
import { pickExplorerFilters } from '@/lib/log-filters/log-search'
import { useLogSearch } from '@/lib/log-filters/use-log-search'
import { viewLinkSearch } from '@/lib/log-filters/view-link'
import { useUpdateView } from '../api/use-view-mutations'
import { SaveViewButton } from './save-view-button'

/** Whether the explorer still shows the view as saved; when not, save the changes, save a copy, or go back. */
export function ViewStateBar({ view }: { view: View }) {
  const { environmentId, range } = useGlobalSearch()
  const filters = pickExplorerFilters(useLogSearch())
  const update = useUpdateView(environmentId)
  const saved = fromViewFilters(view.filters)
  const dirty = differsFromView(filters, range, saved)

  if (!dirty) {
    return (
      <p role="status" className="flex items-center gap-2 rounded-md border border-border bg-surface px-3 py-2 text-sm text-muted-foreground">
        <Icon name="check" className="text-success" />
        Showing the view as saved: {summariseFilters(saved.filters, saved.range)}
      </p>
    )
  }
  const saveChanges = () =>
    update.mutate(
      { view, patch: { filters: toViewFilters(filters, range, view.filters) } },
      { onSuccess: (next) => toast.success(`Saved changes to "${next.name}"`) },
    )
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-warning/40 bg-warning-soft px-3 py-2 text-sm">
      <Icon name="alert" className="text-warning" />
      <p role="status" className="min-w-0 flex-1">
        <span className="font-medium">Modified</span>
        <span className="text-muted-foreground"> · the filters differ from the saved view ({summariseFilters(saved.filters, saved.range)})</span>
      </p>
      <Button size="sm" variant="primary" onClick={saveChanges} disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save changes'}
      </Button>
      <SaveViewButton label="Save as new view" dialogTitle="Save as new view" initialName={`${view.name} (copy)`} keepFilters={view.filters} />
      <Link
        to="/views/$shortId"
        params={{ shortId: view.short_id }}
        search={(prev) => ({ ...prev, ...viewLinkSearch(view.filters) })}
        className={buttonVariants({ size: 'sm', variant: 'ghost' })}
      >
        Discard changes
      </Link>
    </div>
  )
}
