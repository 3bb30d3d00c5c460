import { useId, useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { filterLeafTypes, parseFilterGroup, type FilterLeaf, type FilterLeafType } from '@/contract/query'
import {
  baseOperator,
  includeOperatorNames,
  includeOperators,
  isExcluding,
  negateOperator,
  takesValue,
  type IncludeOperator,
} from '@/lib/log-filters/filter-nodes'
import type { TimeRange } from '@/lib/time-range'
import { AttributeKeyField, leafTypeLabels } from './attribute-key-field'
import { AttributeValueField } from './attribute-value-field'

interface AttributeFilterFormProps {
  environmentId: number
  range: TimeRange
  services: readonly string[]
  /** The filter being edited; a new one otherwise. */
  initial?: FilterLeaf
  onSubmit: (leaf: FilterLeaf) => void
  onCancel: () => void
}

const selectClass = 'h-9 w-full rounded-md border border-border bg-surface px-2 text-sm focus-visible:outline-2 focus-visible:outline-ring'

/** Key (suggested), operator, value (suggested) and include/exclude; the contract checks the result. */
export function AttributeFilterForm({ environmentId, range, services, initial, onSubmit, onCancel }: AttributeFilterFormProps) {
  const id = useId()
  const [key, setKey] = useState(initial?.key ?? '')
  const [type, setType] = useState<FilterLeafType>(initial?.type ?? 'log_attribute')
  const [operator, setOperator] = useState<IncludeOperator>(initial ? baseOperator(initial.operator) : 'exact')
  const [exclude, setExclude] = useState(initial ? isExcluding(initial.operator) : false)
  const [value, setValue] = useState(initial?.value === undefined || initial.value === null ? '' : String(initial.value))
  const [problem, setProblem] = useState<string | null>(null)
  const canExclude = negateOperator(operator) !== null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const op = exclude && canExclude ? negateOperator(operator)! : operator
    const candidate: FilterLeaf = { key: key.trim(), type, operator: op, ...(takesValue(op) && { value }) }
    if (!candidate.key) return setProblem('Choose or type a key.')
    if (takesValue(op) && value === '') return setProblem('Enter a value.')
    const issues: { path: (string | number)[]; message: string }[] = []
    const parsed = parseFilterGroup([candidate], issues)
    if (!parsed || issues.length > 0) return setProblem(issues[0]?.message ?? 'This filter is not valid.')
    onSubmit(parsed.values[0] as FilterLeaf)
  }

  return (
    <form onSubmit={submit} noValidate className="grid w-80 gap-3 text-sm">
      <div className="grid gap-1">
        <label htmlFor={`${id}-key`} className="text-xs font-medium text-muted-foreground">
          Key
        </label>
        <AttributeKeyField
          id={`${id}-key`}
          environmentId={environmentId}
          range={range}
          services={services}
          value={key}
          onChange={setKey}
          onPick={(picked, pickedType) => {
            setKey(picked)
            setType(pickedType)
          }}
        />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div className="grid gap-1">
          <label htmlFor={`${id}-type`} className="text-xs font-medium text-muted-foreground">
            Kind
          </label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as FilterLeafType)} className={selectClass}>
            {filterLeafTypes.map((t) => (
              <option key={t} value={t}>
                {leafTypeLabels[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <label htmlFor={`${id}-op`} className="text-xs font-medium text-muted-foreground">
            Operator
          </label>
          <select id={`${id}-op`} value={operator} onChange={(e) => setOperator(e.target.value as IncludeOperator)} className={selectClass}>
            {includeOperators.map((op) => (
              <option key={op} value={op}>
                {includeOperatorNames[op]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {takesValue(operator) && (
        <div className="grid gap-1">
          <label htmlFor={`${id}-value`} className="text-xs font-medium text-muted-foreground">
            Value
          </label>
          <AttributeValueField
            id={`${id}-value`}
            environmentId={environmentId}
            range={range}
            services={services}
            attributeKey={key}
            type={type}
            value={value}
            onChange={setValue}
            invalid={problem !== null}
            describedBy={problem ? `${id}-problem` : undefined}
          />
        </div>
      )}
      <fieldset className="flex gap-4" disabled={!canExclude}>
        <legend className="sr-only">Include or exclude</legend>
        {[false, true].map((option) => (
          <label key={String(option)} className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} checked={exclude === option} onChange={() => setExclude(option)} className="accent-primary" />
            {option ? 'Exclude matches' : 'Keep matches'}
          </label>
        ))}
      </fieldset>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="text-xs text-danger">
          {problem}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit">
          {initial ? 'Update filter' : 'Add filter'}
        </Button>
      </div>
    </form>
  )
}
