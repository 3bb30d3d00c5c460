import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import type { View } from '@/contract/views'
import { cn } from '@/lib/cn'
import { formatInstant } from '@/lib/format'
import { summariseFilters } from '@/lib/log-filters/describe-filters'
import type { ExplorerState } from '@/lib/log-filters/last-explorer-state'
import { differsFromView, fromViewFilters, toViewFilters } from '@/lib/log-filters/log-query'
import { useUpdateView } from '../api/use-view-mutations'
import { ViewNameCell } from './view-name-cell'

interface ViewRowProps {
  view: View
  environmentId: number
  /** What the explorer showed last in this tab, for "Update to current filters". */
  current: ExplorerState | null
  onDelete: (view: View) => void
}

function authorOf(view: View): string {
  const user = view.created_by
  if (!user) return '—'
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email || user.distinct_id
}

const cell = 'border-b border-border px-3 py-2 align-top'

export function ViewRow({ view, environmentId, current, onDelete }: ViewRowProps) {
  const [renaming, setRenaming] = useState(false)
  const update = useUpdateView(environmentId)
  const applied = fromViewFilters(view.filters)
  const upToDate = current === null || !differsFromView(current.filters, current.range, applied)
  const created = Date.parse(view.created_at)

  const togglePin = () => update.mutate({ view, patch: { pinned: !view.pinned } })
  const updateFilters = () => {
    if (!current) return
    update.mutate(
      { view, patch: { filters: toViewFilters(current.filters, current.range, view.filters) } },
      { onSuccess: (saved) => toast.success(`Updated "${saved.name}"`, summariseFilters(current.filters, current.range)) },
    )
  }

  return (
    <tr>
      <th scope="row" className={cn(cell, 'text-left font-normal')}>
        <ViewNameCell
          view={view}
          editing={renaming}
          onCancel={() => setRenaming(false)}
          onRename={(name) => {
            setRenaming(false)
            update.mutate({ view, patch: { name } })
          }}
        />
      </th>
      <td className={cn(cell, 'text-muted-foreground')}>{summariseFilters(applied.filters, applied.range)}</td>
      <td className={cell}>
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={view.pinned}
          aria-label={view.pinned ? `Unpin ${view.name}` : `Pin ${view.name}`}
          onClick={togglePin}
          className={cn(view.pinned ? 'text-primary' : 'text-muted-foreground')}
        >
          <Icon name="pin" />
          {view.pinned ? 'Pinned' : 'Pin'}
        </Button>
      </td>
      <td className={cn(cell, 'text-muted-foreground')}>{authorOf(view)}</td>
      <td className={cn(cell, 'whitespace-nowrap text-muted-foreground')}>
        <time dateTime={view.created_at}>{Number.isFinite(created) ? formatInstant(created, true) : view.created_at}</time>
      </td>
      <td className={cn(cell, 'text-right whitespace-nowrap')}>
        <Button size="sm" variant="ghost" aria-label={`Rename ${view.name}`} onClick={() => setRenaming(true)}>
          Rename
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Update ${view.name} to the current filters`}
          title={current ? (upToDate ? 'The view already has the filters of the explorer.' : summariseFilters(current.filters, current.range)) : 'Open the logs explorer first.'}
          disabled={upToDate}
          onClick={updateFilters}
        >
          Update to current
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Delete ${view.name}`} onClick={() => onDelete(view)} className="text-danger">
          Delete
        </Button>
      </td>
    </tr>
  )
}
