import { useState, type Ref } from 'react'
import { Icon } from '@/components/ui/icon'
import { Input } from '@/components/ui/input'
import { useDebouncedCallback } from '@/hooks/use-debounced-callback'

const SEARCH_DEBOUNCE_MS = 300

interface SearchFieldProps {
  /** The search in the URL. */
  value: string
  onSearch: (value: string) => void
  inputRef: Ref<HTMLInputElement>
}

/** Body search: the URL (and the request) follow shortly after the last keystroke; Enter sends at once. */
export function SearchField({ value, onSearch, inputRef }: SearchFieldProps) {
  const [draft, setDraft] = useState(value)
  const [sent, setSent] = useState(value)
  const [seen, setSeen] = useState(value)
  // The URL changed by itself (back button, a saved view, "Clear all"): show what it says now.
  if (value !== seen) {
    setSeen(value)
    if (value !== sent) {
      setDraft(value)
      setSent(value)
    }
  }
  const send = (next: string) => {
    if (next === sent) return
    setSent(next)
    onSearch(next)
  }
  const sendLater = useDebouncedCallback(send, SEARCH_DEBOUNCE_MS)

  return (
    <div className="relative w-full max-w-md min-w-56 flex-1">
      <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-muted-foreground" />
      <Input
        ref={inputRef}
        type="search"
        aria-label="Search log messages"
        aria-keyshortcuts="/"
        placeholder="Search messages (press / to focus)"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value)
          sendLater(event.target.value.trim())
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') send(draft.trim())
        }}
        className="pl-8"
      />
    </div>
  )
}
