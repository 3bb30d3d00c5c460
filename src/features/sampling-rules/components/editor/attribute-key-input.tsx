import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type ComponentProps } from 'react'
import { AutocompleteInput } from '@/components/ui/autocomplete-input'
import type { AttributeType } from '@/contract/logs'
import { logFieldKeys } from '@/contract/query'
import { ruleLookupQueries } from '../../api/lookup-queries'
import { useDebounced } from '../../hooks/use-debounced'
import { useRuleFormContext } from './rule-form-context'

export const LOOKUP_DEBOUNCE_MS = 250

type AttributeKeyInputProps = Omit<ComponentProps<typeof AutocompleteInput>, 'options' | 'loading' | 'onOpen'> & {
  /** Which keys to suggest: log or resource attributes, or the log's own fields. */
  kind: AttributeType | 'field'
}

/** An attribute name, with suggestions from the keys seen in the last 7 days (fetched once the list opens). */
export function AttributeKeyInput({ kind, value, ...props }: AttributeKeyInputProps) {
  const { environmentId } = useRuleFormContext()
  const [wanted, setWanted] = useState(false)
  const search = useDebounced(value.trim(), value.trim(), LOOKUP_DEBOUNCE_MS).value
  const keys = useQuery({
    ...ruleLookupQueries.attributeKeys(environmentId, kind === 'field' ? 'log' : kind, search),
    enabled: wanted && kind !== 'field',
    placeholderData: keepPreviousData,
  })
  const options = kind === 'field' ? logFieldKeys : (keys.data ?? [])
  return (
    <AutocompleteInput
      {...props}
      value={value}
      options={options}
      loading={keys.isFetching && !keys.data}
      onOpen={() => setWanted(true)}
      className="font-mono"
    />
  )
}
