import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { toViewFilters } from '@/lib/log-filters/log-query'
import { pickExplorerFilters } from '@/lib/log-filters/log-search'
import { useLogSearch } from '@/lib/log-filters/use-log-search'
import { useCreateView } from '../api/use-view-mutations'
import { SaveViewDialog } from './save-view-dialog'

interface SaveViewButtonProps {
  label?: string
  dialogTitle?: string
  initialName?: string
  /** Filter keys of the view this one starts from that the explorer does not manage. */
  keepFilters?: Record<string, unknown>
}

/** Saves what the explorer shows as a new view, then opens it (its URL is the share link). */
export function SaveViewButton({ label = 'Save view', dialogTitle = 'Save view', initialName, keepFilters }: SaveViewButtonProps) {
  const { environmentId, range } = useGlobalSearch()
  const search = useLogSearch()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const create = useCreateView(environmentId)
  const filters = pickExplorerFilters(search)

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Icon name="bookmark" />
        {label}
      </Button>
      {open && (
        <SaveViewDialog
          title={dialogTitle}
          initialName={initialName}
          filters={filters}
          range={range}
          busy={create.isPending}
          onClose={() => setOpen(false)}
          onSave={({ name, pinned }) =>
            create.mutate(
              { name, pinned, filters: toViewFilters(filters, range, keepFilters) },
              {
                onSuccess: (view) => {
                  setOpen(false)
                  toast.success(`Saved view "${view.name}"`, pinned ? 'It is pinned to the sidebar.' : undefined)
                  void navigate({ to: '/views/$shortId', params: { shortId: view.short_id }, search: (prev) => prev })
                },
              },
            )
          }
        />
      )}
    </>
  )
}
