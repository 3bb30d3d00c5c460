import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Input } from '@/components/ui/input'
import { useDebouncedCallback } from '@/hooks/use-debounced-callback'
import { formatCount } from '@/lib/format'
import type { TimeRange } from '@/lib/time-range'
import { logQueries } from '../api/log-queries'

interface ServiceOptionsProps {
  environmentId: number
  range: TimeRange
  value: readonly string[]
  onChange: (services: string[]) => void
}

/** The selected services first, then the window's services by volume, narrowed by a search. */
export function ServiceOptions({ environmentId, range, value, onChange }: ServiceOptionsProps) {
  const [draft, setDraft] = useState('')
  const [search, setSearch] = useState('')
  const setSearchLater = useDebouncedCallback(setSearch, 200)
  const suggestions = useQuery({
    ...logQueries.attributeValues({ environmentId, range, services: [], key: 'service.name', attributeType: 'resource', search }),
    placeholderData: (previous) => previous,
  })
  const counts = new Map((suggestions.data ?? []).map((s) => [s.value, s.count]))
  const names = [...value, ...(suggestions.data ?? []).map((s) => s.value).filter((name) => !value.includes(name))]
  const toggle = (name: string) => onChange(value.includes(name) ? value.filter((v) => v !== name) : [...value, name])

  return (
    <div>
      <Input
        type="search"
        aria-label="Search services"
        placeholder="Search services"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value)
          setSearchLater(event.target.value.trim())
        }}
        className="h-8"
      />
      <fieldset className="mt-2 max-h-64 overflow-y-auto" aria-busy={suggestions.isFetching}>
        <legend className="sr-only">Services</legend>
        {names.map((name) => (
          <label key={name} className="flex h-8 cursor-pointer items-center gap-2 rounded px-1 text-sm hover:bg-muted">
            <input type="checkbox" checked={value.includes(name)} onChange={() => toggle(name)} className="accent-primary" />
            <span className="min-w-0 flex-1 truncate">{name}</span>
            {counts.get(name) !== undefined && <span className="text-xs text-muted-foreground tabular-nums">{formatCount(counts.get(name)!)}</span>}
          </label>
        ))}
        {suggestions.isPending && <p className="px-1 py-2 text-xs text-muted-foreground">Loading services…</p>}
        {suggestions.isError && (
          <p role="alert" className="px-1 py-2 text-xs text-muted-foreground">
            Could not load services.{' '}
            <button type="button" onClick={() => void suggestions.refetch()} className="text-primary hover:underline">
              Retry
            </button>
          </p>
        )}
        {suggestions.isSuccess && names.length === 0 && (
          <p className="px-1 py-2 text-xs text-muted-foreground">{search ? `No service matches "${search}".` : 'No services in this window.'}</p>
        )}
      </fieldset>
      {value.length > 0 && (
        <button type="button" onClick={() => onChange([])} className="mt-2 text-xs text-primary hover:underline">
          Show all services
        </button>
      )}
    </div>
  )
}
