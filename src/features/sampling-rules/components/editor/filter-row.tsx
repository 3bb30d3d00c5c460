import { Button } from '@/components/ui/button'
import { Glyph } from '@/components/ui/glyph'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { filterOperators, type FilterLeafType, type FilterOperator } from '@/contract/query'
import type { FilterRow as FilterRowValue } from '../../form/form-values'
import { valuelessOps } from '../../form/to-draft'
import { AttributeKeyInput } from './attribute-key-input'
import { AttributeValueInput } from './attribute-value-input'
import { FieldError } from './field-error'
import { useFieldControl } from './rule-form-context'

const operatorLabels: Record<FilterOperator, string> = {
  exact: 'equals',
  is_not: 'does not equal',
  icontains: 'contains',
  not_icontains: 'does not contain',
  regex: 'matches regex',
  not_regex: 'does not match regex',
  gt: 'greater than',
  lt: 'less than',
  is_set: 'is set',
  is_not_set: 'is not set',
}
const typeLabels: Record<FilterLeafType, string> = { log_attribute: 'Attribute', log_resource_attribute: 'Resource', log: 'Log field' }

interface FilterRowProps {
  row: FilterRowValue
  index: number
  onChange: (fieldKey: string, next: FilterRowValue) => void
  onRemove: (fieldKey: string) => void
}

/** One condition of a filter group: where to look, the key, the operator, the value. */
export function FilterRow({ row, index, onChange, onRemove }: FilterRowProps) {
  const base = `config__filter_group__values__${index}`
  const type = useFieldControl(`${base}__type`)
  const key = useFieldControl(`${base}__key`)
  const operator = useFieldControl(`${base}__operator`)
  const value = useFieldControl(`${base}__value`)
  const label = `Condition ${index + 1}`
  const kind = row.type === 'log' ? 'field' : row.type === 'log_resource_attribute' ? 'resource' : 'log'
  const valueProps = { ...value.props, 'aria-label': `${label} value`, placeholder: 'value', value: row.value }
  const setValue = (v: string) => onChange(value.props.name, { ...row, value: v })

  return (
    <li className="space-y-1">
      <div className="grid grid-cols-[7.5rem_minmax(0,1fr)_10rem_minmax(0,1fr)_auto] items-start gap-2">
        <NativeSelect {...type.props} aria-label={`${label} source`} value={row.type} onChange={(e) => onChange(type.props.name, { ...row, type: e.target.value as FilterLeafType, key: '' })}>
          {(Object.keys(typeLabels) as FilterLeafType[]).map((t) => (
            <option key={t} value={t}>
              {typeLabels[t]}
            </option>
          ))}
        </NativeSelect>
        <AttributeKeyInput {...key.props} kind={kind} aria-label={`${label} key`} placeholder="key" value={row.key} onValueChange={(k) => onChange(key.props.name, { ...row, key: k })} />
        <NativeSelect {...operator.props} aria-label={`${label} operator`} value={row.operator} onChange={(e) => onChange(operator.props.name, { ...row, operator: e.target.value as FilterOperator })}>
          {filterOperators.map((op) => (
            <option key={op} value={op}>
              {operatorLabels[op]}
            </option>
          ))}
        </NativeSelect>
        {valuelessOps.includes(row.operator) ? (
          <span />
        ) : kind === 'field' ? (
          <Input {...valueProps} className="font-mono" onChange={(e) => setValue(e.target.value)} />
        ) : (
          <AttributeValueInput {...valueProps} kind={kind} attributeKey={row.key} onValueChange={setValue} />
        )}
        <Button variant="ghost" size="icon" className="mt-0.5" aria-label={`Remove ${label.toLowerCase()}`} onClick={() => onRemove(base)}>
          <Glyph name="trash" />
        </Button>
      </div>
      {[type, key, operator, value].map((field) => (
        <FieldError key={field.props.name} fieldKey={field.props.name} message={field.error} />
      ))}
    </li>
  )
}
