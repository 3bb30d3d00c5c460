import { SegmentedControl } from '@/components/ui/segmented-control'
import { TextArea } from '@/components/ui/text-area'
import type { PathDropForm } from '../../form/form-values'
import { AlwaysKeepFields } from './always-keep-fields'
import { AttributeKeyInput } from './attribute-key-input'
import { FilterGroupEditor } from './filter-group-editor'
import { FormField } from './form-field'
import { useRuleFormContext } from './rule-form-context'

const matchOptions = [
  { value: 'path', label: 'Request path' },
  { value: 'attribute', label: 'An attribute' },
] as const

/** Drops logs whose path (or an attribute) matches any pattern, or that match the filter group. */
export function PathDropConfig() {
  const { values, update } = useRuleFormContext()
  const config = values.path_drop
  const set = (key: string, patch: Partial<PathDropForm>) => update(key, (v) => ({ ...v, path_drop: { ...v.path_drop, ...patch } }))

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <p className="text-sm font-medium">Match patterns against</p>
        <SegmentedControl label="Match patterns against" value={config.match} options={matchOptions} onValueChange={(match) => set('config__match_attribute_key', { match })} />
      </div>
      {config.match === 'attribute' && (
        <FormField fieldKey="config__match_attribute_key" label="Attribute" hint="The log attribute the patterns are matched against.">
          {(control) => (
            <AttributeKeyInput {...control} kind="log" placeholder="http.user_agent" value={config.match_attribute_key} onValueChange={(k) => set(control.name, { match_attribute_key: k })} />
          )}
        </FormField>
      )}
      <FormField
        fieldKey="config__patterns"
        label="Patterns"
        hint={`One regex per line; a log is dropped when any of them is found in its ${config.match === 'path' ? 'path (url.path, http.path, http.route or path)' : 'attribute'}.`}
      >
        {(control) => (
          <TextArea
            {...control}
            rows={4}
            spellCheck={false}
            className="font-mono"
            placeholder={'^/health$\n^/metrics'}
            value={config.patterns}
            onChange={(e) => set(control.name, { patterns: e.target.value })}
          />
        )}
      </FormField>
      <FilterGroupEditor
        legend="Also drop logs matching (optional)"
        hint="Logs matching these conditions are dropped too, whatever their path."
        value={config.filter_group}
        onChange={(key, filter_group) => set(key, { filter_group })}
      />
      <AlwaysKeepFields value={config.always_keep} onChange={(key, always_keep) => set(key, { always_keep })} />
    </div>
  )
}
