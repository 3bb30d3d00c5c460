import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type ComponentProps } from 'react'
import { AutocompleteInput } from '@/components/ui/autocomplete-input'
import type { AttributeType } from '@/contract/logs'
import { ruleLookupQueries } from '../../api/lookup-queries'
import { useDebounced } from '../../hooks/use-debounced'
import { LOOKUP_DEBOUNCE_MS } from './attribute-key-input'
import { useRuleFormContext } from './rule-form-context'

type AttributeValueInputProps = Omit<ComponentProps<typeof AutocompleteInput>, 'options' | 'loading' | 'onOpen'> & {
  kind: AttributeType
  /** The attribute whose values to suggest; none are suggested until it is filled in. */
  attributeKey: string
}

/** A value of `attributeKey`, with the most frequent values seen in the last 7 days as suggestions. */
export function AttributeValueInput({ kind, attributeKey, value, ...props }: AttributeValueInputProps) {
  const { environmentId } = useRuleFormContext()
  const [wanted, setWanted] = useState(false)
  const key = attributeKey.trim()
  const search = useDebounced(value, value, LOOKUP_DEBOUNCE_MS).value
  const values = useQuery({
    ...ruleLookupQueries.attributeValues(environmentId, kind, key, search),
    enabled: wanted && key !== '',
    placeholderData: keepPreviousData,
  })
  return (
    <AutocompleteInput
      {...props}
      value={value}
      options={key === '' ? [] : (values.data ?? [])}
      loading={values.isFetching && !values.data}
      onOpen={() => setWanted(true)}
      className="font-mono"
    />
  )
}
