import { Button } from '@/components/ui/button'
import { Glyph } from '@/components/ui/glyph'
import { NativeSelect } from '@/components/ui/native-select'
import { TextArea } from '@/components/ui/text-area'
import { emptyFilterGroup, rowId, type FilterGroupForm } from '../../form/form-values'
import { FieldError } from './field-error'
import { FilterRow } from './filter-row'
import { FormField } from './form-field'
import { useFieldControl } from './rule-form-context'

interface FilterGroupEditorProps {
  legend: string
  hint: string
  value: FilterGroupForm
  onChange: (fieldKey: string, next: FilterGroupForm) => void
}

const GROUP_KEY = 'config__filter_group'

/**
 * An optional filter group as rows of conditions joined by all/any. A stored group the rows cannot
 * show (nested groups, lists of values) is edited as JSON instead, so saving never loses a part.
 */
export function FilterGroupEditor({ legend, hint, value, onChange }: FilterGroupEditorProps) {
  const group = useFieldControl(GROUP_KEY)
  if (value.mode === 'json') {
    return (
      <FormField
        fieldKey={GROUP_KEY}
        label={legend}
        hint="This filter group has nested groups or lists of values, so it is edited as JSON (the query's filterGroup shape)."
      >
        {(control) => (
          <div className="space-y-2">
            <TextArea {...control} rows={8} spellCheck={false} className="font-mono text-xs" value={value.json} onChange={(e) => onChange(GROUP_KEY, { mode: 'json', json: e.target.value })} />
            <Button size="sm" onClick={() => onChange(GROUP_KEY, emptyFilterGroup())}>
              Replace with simple conditions
            </Button>
          </div>
        )}
      </FormField>
    )
  }

  const { rows } = value
  const addRow = () => onChange(GROUP_KEY, { ...value, rows: [...rows, { id: rowId(), type: 'log_attribute', key: '', operator: 'exact', value: '' }] })
  return (
    <fieldset className="space-y-2" id={group.props.id}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p className="text-xs text-muted-foreground">{hint}</p>
      {rows.length > 1 && (
        <label className="flex items-center gap-2 text-sm">
          Match
          <NativeSelect className="w-44" value={value.type} onChange={(e) => onChange(GROUP_KEY, { ...value, type: e.target.value as 'AND' | 'OR' })}>
            <option value="AND">all conditions</option>
            <option value="OR">any condition</option>
          </NativeSelect>
        </label>
      )}
      {rows.length > 0 && (
        <ul className="space-y-2">
          {rows.map((row, i) => (
            <FilterRow
              key={row.id}
              row={row}
              index={i}
              onChange={(key, next) => onChange(key, { ...value, rows: rows.map((r) => (r.id === row.id ? next : r)) })}
              onRemove={(key) => onChange(key, { ...value, rows: rows.filter((r) => r.id !== row.id) })}
            />
          ))}
        </ul>
      )}
      <Button size="sm" onClick={addRow}>
        <Glyph name="plus" />
        Add condition
      </Button>
      <FieldError fieldKey={GROUP_KEY} message={group.error} />
    </fieldset>
  )
}
