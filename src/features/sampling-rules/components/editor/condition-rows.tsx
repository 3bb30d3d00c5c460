import { Button } from '@/components/ui/button'
import { Glyph } from '@/components/ui/glyph'
import { NativeSelect } from '@/components/ui/native-select'
import { rowId } from '../../form/form-values'
import { valuelessOps } from '../../form/to-draft'
import { AttributeKeyInput } from './attribute-key-input'
import { AttributeValueInput } from './attribute-value-input'
import { FieldError } from './field-error'
import { useFieldControl } from './rule-form-context'

interface ConditionRow<Op extends string> {
  id: string
  key: string
  op: Op
  value: string
}

interface ConditionRowsProps<Op extends string> {
  legend: string
  hint?: string
  /** The contract field of the list (`scope_attribute_filters`); row fields are `<prefix>__<i>__key` etc. */
  fieldPrefix: string
  rows: ConditionRow<Op>[]
  ops: Record<Op, string>
  defaultOp: Op
  /** "Filter": inputs are named "Filter 2 attribute", "Filter 2 value"… */
  itemName: string
  addLabel: string
  onChange: (fieldKey: string, rows: ConditionRow<Op>[]) => void
}

function Row<Op extends string>({ row, index, props }: { row: ConditionRow<Op>; index: number; props: ConditionRowsProps<Op> }) {
  const base = `${props.fieldPrefix}__${index}`
  const key = useFieldControl(`${base}__key`)
  const op = useFieldControl(`${base}__op`)
  const value = useFieldControl(`${base}__value`)
  const label = `${props.itemName} ${index + 1}`
  const set = (fieldKey: string, patch: Partial<ConditionRow<Op>>) =>
    props.onChange(fieldKey, props.rows.map((r) => (r.id === row.id ? { ...r, ...patch } : r)))
  const takesValue = !valuelessOps.includes(row.op)

  return (
    <li className="space-y-1">
      <div className="grid grid-cols-[minmax(0,1fr)_10rem_minmax(0,1fr)_auto] items-start gap-2">
        <AttributeKeyInput {...key.props} kind="log" aria-label={`${label} attribute`} placeholder="attribute" value={row.key} onValueChange={(k) => set(key.props.name, { key: k })} />
        <NativeSelect {...op.props} aria-label={`${label} condition`} value={row.op} onChange={(e) => set(op.props.name, { op: e.target.value as Op })}>
          {(Object.keys(props.ops) as Op[]).map((o) => (
            <option key={o} value={o}>
              {props.ops[o]}
            </option>
          ))}
        </NativeSelect>
        {takesValue ? (
          <AttributeValueInput
            {...value.props}
            kind="log"
            attributeKey={row.key}
            aria-label={`${label} value`}
            placeholder={row.op === 'regex' ? 'regex' : 'value'}
            value={row.value}
            onValueChange={(v) => set(value.props.name, { value: v })}
          />
        ) : (
          <span />
        )}
        <Button variant="ghost" size="icon" className="mt-0.5" aria-label={`Remove ${label.toLowerCase()}`} onClick={() => props.onChange(base, props.rows.filter((r) => r.id !== row.id))}>
          <Glyph name="trash" />
        </Button>
      </div>
      <FieldError fieldKey={key.props.name} message={key.error} />
      <FieldError fieldKey={op.props.name} message={op.error} />
      <FieldError fieldKey={value.props.name} message={value.error} />
    </li>
  )
}

/** A list of attribute conditions (key, operator, value) with add and remove. */
export function ConditionRows<Op extends string>(props: ConditionRowsProps<Op>) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{props.legend}</legend>
      {props.hint && <p className="text-xs text-muted-foreground">{props.hint}</p>}
      {props.rows.length > 0 && (
        <ul className="space-y-2">
          {props.rows.map((row, i) => (
            <Row key={row.id} row={row} index={i} props={props} />
          ))}
        </ul>
      )}
      <Button
        size="sm"
        onClick={() => props.onChange(props.fieldPrefix, [...props.rows, { id: rowId(), key: '', op: props.defaultOp, value: '' }])}
      >
        <Glyph name="plus" />
        {props.addLabel}
      </Button>
    </fieldset>
  )
}
