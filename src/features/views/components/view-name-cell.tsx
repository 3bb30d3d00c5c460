import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import type { View } from '@/contract/views'

interface ViewNameCellProps {
  view: View
  editing: boolean
  onRename: (name: string) => void
  onCancel: () => void
}

/** The name links to the view (as saved); while renaming it is a field (Enter saves, Escape cancels). */
export function ViewNameCell({ view, editing, onRename, onCancel }: ViewNameCellProps) {
  const [draft, setDraft] = useState(view.name)
  if (!editing) {
    return (
      <Link
        to="/views/$shortId"
        params={{ shortId: view.short_id }}
        className="font-medium break-words hover:underline focus-visible:outline-2 focus-visible:outline-ring"
      >
        {view.name}
      </Link>
    )
  }
  const save = () => {
    const name = draft.trim()
    if (name && name !== view.name) onRename(name)
    else onCancel()
  }
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <Input
        aria-label={`New name for ${view.name}`}
        value={draft}
        maxLength={400}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation()
            onCancel()
          }
        }}
        className="h-8"
      />
      <Button size="sm" type="submit" variant="primary">
        Save
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  )
}
