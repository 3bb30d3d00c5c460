import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Combobox } from '@/components/ui/combobox'
import type { FilterLeafType } from '@/contract/query'
import { useDebouncedCallback } from '@/hooks/use-debounced-callback'
import type { TimeRange } from '@/lib/time-range'
import { logQueries } from '../api/log-queries'

export const leafTypeLabels: Record<FilterLeafType, string> = {
  log_attribute: 'attribute',
  log_resource_attribute: 'resource',
  log: 'log field',
}

interface AttributeKeyFieldProps {
  id: string
  environmentId: number
  range: TimeRange
  services: readonly string[]
  value: string
  onChange: (key: string) => void
  onPick: (key: string, type: FilterLeafType) => void
}

/** The key of a filter, with the window's attribute and resource keys as suggestions. */
export function AttributeKeyField({ id, environmentId, range, services, value, onChange, onPick }: AttributeKeyFieldProps) {
  const [search, setSearch] = useState(value)
  const setSearchLater = useDebouncedCallback(setSearch, 200)
  const keys = useQuery({
    ...logQueries.attributeKeys({ environmentId, range, services, search }),
    placeholderData: (previous) => previous,
  })
  const options = (keys.data ?? []).map((option) => ({
    id: `${option.type}:${option.key}`,
    label: option.key,
    detail: leafTypeLabels[option.type],
  }))

  return (
    <Combobox
      id={id}
      value={value}
      onValueChange={(next) => {
        onChange(next)
        setSearchLater(next.trim())
      }}
      options={options}
      loading={keys.isFetching}
      emptyText={keys.isError ? 'Could not load attribute keys.' : 'No key matches; you can still type one.'}
      onPick={(option) => {
        const [type] = option.id.split(':') as [FilterLeafType]
        onPick(option.label, type)
      }}
      placeholder="http.route"
    />
  )
}
