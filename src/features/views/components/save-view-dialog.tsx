import { useId, useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { describeFilters } from '@/lib/log-filters/describe-filters'
import type { ExplorerFilters } from '@/lib/log-filters/log-search'
import type { TimeRange } from '@/lib/time-range'

const NAME_MAX = 400

interface SaveViewDialogProps {
  title: string
  initialName?: string
  filters: ExplorerFilters
  range: TimeRange
  busy: boolean
  onSave: (input: { name: string; pinned: boolean }) => void
  onClose: () => void
}

/** Name the view, see what it will keep, and choose whether it goes to the sidebar. */
export function SaveViewDialog({ title, initialName = '', filters, range, busy, onSave, onClose }: SaveViewDialogProps) {
  const id = useId()
  const [name, setName] = useState(initialName)
  const [pinned, setPinned] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const parts = describeFilters(filters, range)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return setProblem('Give the view a name.')
    if (trimmed.length > NAME_MAX) return setProblem(`Keep the name under ${NAME_MAX} characters.`)
    onSave({ name: trimmed, pinned })
  }

  return (
    <Dialog title={title} description="A saved view keeps these filters and time range; its link opens them for anyone." onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-4 text-sm">
        <div className="grid gap-1">
          <label htmlFor={`${id}-name`} className="font-medium">
            Name
          </label>
          <Input
            id={`${id}-name`}
            value={name}
            onChange={(event) => {
              setName(event.target.value)
              setProblem(null)
            }}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            placeholder="Checkout errors"
          />
          {problem && (
            <p id={`${id}-problem`} role="alert" className="text-xs text-danger">
              {problem}
            </p>
          )}
        </div>
        <div>
          <p className="font-medium">Filters</p>
          <ul aria-label="Filters of this view" className="mt-1 list-disc space-y-0.5 pl-5 text-muted-foreground">
            {parts.map((part) => (
              <li key={part} className="break-all">
                {part}
              </li>
            ))}
          </ul>
        </div>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={pinned} onChange={(event) => setPinned(event.target.checked)} className="accent-primary" />
          Pin to the sidebar
        </label>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save view'}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
