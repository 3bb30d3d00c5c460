import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Combobox } from '@/components/ui/combobox'
import type { FilterLeafType } from '@/contract/query'
import { useDebouncedCallback } from '@/hooks/use-debounced-callback'
import { formatCount } from '@/lib/format'
import type { TimeRange } from '@/lib/time-range'
import { logQueries } from '../api/log-queries'

interface AttributeValueFieldProps {
  id: string
  environmentId: number
  range: TimeRange
  services: readonly string[]
  attributeKey: string
  type: FilterLeafType
  value: string
  onChange: (value: string) => void
  invalid: boolean
  describedBy?: string
}

/** The value of a filter, with the key's most frequent values in the window as suggestions. */
export function AttributeValueField({ id, environmentId, range, services, attributeKey, type, value, onChange, invalid, describedBy }: AttributeValueFieldProps) {
  const [search, setSearch] = useState(value)
  const setSearchLater = useDebouncedCallback(setSearch, 200)
  const suggests = type !== 'log' && attributeKey.trim() !== ''
  const values = useQuery({
    ...logQueries.attributeValues({
      environmentId,
      range,
      services,
      key: attributeKey.trim(),
      attributeType: type === 'log_resource_attribute' ? 'resource' : 'log',
      search,
    }),
    enabled: suggests,
    placeholderData: (previous) => previous,
  })
  const options = suggests
    ? (values.data ?? []).map((v) => ({ id: v.value, label: v.value, detail: v.count === undefined ? undefined : formatCount(v.count) }))
    : []

  return (
    <Combobox
      id={id}
      value={value}
      onValueChange={(next) => {
        onChange(next)
        setSearchLater(next)
      }}
      options={options}
      loading={suggests && values.isFetching}
      emptyText={suggests ? (values.isError ? 'Could not load values.' : 'No value matches; you can still type one.') : undefined}
      onPick={(option) => onChange(option.label)}
      aria-invalid={invalid}
      aria-describedby={describedBy}
    />
  )
}
