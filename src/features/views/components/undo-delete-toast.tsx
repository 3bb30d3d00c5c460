import { useEffect, useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import { useCreateView } from '../api/use-view-mutations'
import { deletedViews, useDeletedView } from '../deleted-view-store'

const LIFETIME_MS = 10_000

/** "Deleted X · Undo" for a few seconds after a delete; Undo saves the view again with the same contents. */
export function UndoDeleteToast({ environmentId }: { environmentId: number }) {
  const deleted = useDeletedView()
  const create = useCreateView(environmentId)
  const [paused, setPaused] = useState(false)
  const remaining = useRef(LIFETIME_MS)
  const id = deleted?.id

  useEffect(() => {
    remaining.current = LIFETIME_MS
  }, [id])
  useEffect(() => {
    if (id === undefined || paused) return
    const started = Date.now()
    const timer = window.setTimeout(() => deletedViews.dismiss(id), remaining.current)
    return () => {
      window.clearTimeout(timer)
      remaining.current -= Date.now() - started
    }
  }, [id, paused])

  if (!deleted) return null
  const { view } = deleted
  const undo = () => {
    deletedViews.dismiss(deleted.id)
    create.mutate(
      { name: view.name, filters: view.filters, pinned: view.pinned },
      { onSuccess: (restored) => toast.success(`Restored view "${restored.name}"`, 'It has a new link.') },
    )
  }

  return (
    <div
      role="status"
      onPointerEnter={() => setPaused(true)}
      onPointerLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className="fixed bottom-4 left-1/2 z-50 flex -translate-x-1/2 items-center gap-3 rounded-lg border border-border bg-surface px-4 py-2.5 text-sm shadow-lg"
    >
      <Icon name="check" className="text-success" />
      <span>Deleted view "{view.name}"</span>
      <Button size="sm" variant="primary" onClick={undo}>
        Undo
      </Button>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => deletedViews.dismiss(deleted.id)}
        className="rounded p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
      >
        <Icon name="x" />
      </button>
    </div>
  )
}
