import { useState } from 'react'
import { Icon } from '@/components/ui/icon'
import { Input } from '@/components/ui/input'
import { useDebouncedCallback } from '@/hooks/use-debounced-callback'

const SEARCH_DEBOUNCE_MS = 250

interface ServicesSearchProps {
  /** The search in the URL. */
  value: string
  onSearch: (value: string) => void
}

/** Types freely; the URL (and the request) follow 250 ms after the last keystroke. */
export function ServicesSearch({ value, onSearch }: ServicesSearchProps) {
  const [draft, setDraft] = useState(value)
  const [sent, setSent] = useState(value)
  const [seen, setSeen] = useState(value)
  // The URL changed by itself (back button, "Clear search"): show what it says now.
  if (value !== seen) {
    setSeen(value)
    if (value !== sent) {
      setDraft(value)
      setSent(value)
    }
  }
  const send = useDebouncedCallback((next: string) => {
    setSent(next)
    onSearch(next)
  }, SEARCH_DEBOUNCE_MS)

  return (
    <div className="relative w-full max-w-sm">
      <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-muted-foreground" />
      <Input
        type="search"
        aria-label="Search services"
        placeholder="Search services"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value)
          send(event.target.value.trim())
        }}
        className="pl-8"
      />
    </div>
  )
}
