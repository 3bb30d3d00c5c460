import { Input } from '@/components/ui/input'
import type { AlwaysKeepForm } from '../../form/form-values'
import { predicateOpLabels } from '../../form/labels'
import { ConditionRows } from './condition-rows'
import { FormField } from './form-field'

interface AlwaysKeepFieldsProps {
  value: AlwaysKeepForm
  onChange: (fieldKey: string, next: AlwaysKeepForm) => void
}

/** Exceptions that keep a log whatever the rule says: any one of them is enough. */
export function AlwaysKeepFields({ value, onChange }: AlwaysKeepFieldsProps) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-border p-4">
      <legend className="px-1 text-sm font-medium">Always keep</legend>
      <p className="text-xs text-muted-foreground">A log that meets any of these is kept, whatever the rule would do.</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField fieldKey="config__always_keep__status_gte" label="HTTP status at least">
          {(control) => (
            <Input
              {...control}
              inputMode="numeric"
              placeholder="500"
              value={value.status_gte}
              onChange={(e) => onChange(control.name, { ...value, status_gte: e.target.value })}
            />
          )}
        </FormField>
        <FormField fieldKey="config__always_keep__latency_ms_gt" label="Latency above (ms)">
          {(control) => (
            <Input
              {...control}
              inputMode="decimal"
              placeholder="1000"
              value={value.latency_ms_gt}
              onChange={(e) => onChange(control.name, { ...value, latency_ms_gt: e.target.value })}
            />
          )}
        </FormField>
      </div>
      <ConditionRows
        legend="Attributes"
        fieldPrefix="config__always_keep__attribute_predicates"
        rows={value.predicates}
        ops={predicateOpLabels}
        defaultOp="exists"
        itemName="Keep condition"
        addLabel="Add keep condition"
        onChange={(key, predicates) => onChange(key, { ...value, predicates })}
      />
    </fieldset>
  )
}
