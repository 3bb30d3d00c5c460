import { Input } from '@/components/ui/input'
import { Switch } from '@/components/ui/switch'
import { RULE_NAME_MAX, ruleTypes } from '@/contract/rules'
import { cn } from '@/lib/cn'
import { fieldId } from '../../form/field-keys'
import { ruleTypeHints, ruleTypeLabels } from '../../form/labels'
import { FormField } from './form-field'
import { useRuleFormContext } from './rule-form-context'

/** Name, switch and kind of rule. */
export function BasicsSection() {
  const { values, update } = useRuleFormContext()
  return (
    <section aria-labelledby="rule-basics" className="space-y-4">
      <h2 id="rule-basics" className="text-base font-semibold">
        Rule
      </h2>
      <div className="grid gap-4 sm:grid-cols-[1fr_auto]">
        <FormField fieldKey="name" label="Name">
          {(control) => (
            <Input
              {...control}
              value={values.name}
              maxLength={RULE_NAME_MAX}
              placeholder="e.g. Drop health checks"
              onChange={(e) => update('name', (v) => ({ ...v, name: e.target.value }))}
            />
          )}
        </FormField>
        <FormField fieldKey="enabled" label="Enabled">
          {({ name: _name, ...control }) => (
            <div className="flex h-9 items-center gap-2">
              <Switch {...control} checked={values.enabled} onCheckedChange={(enabled) => update('enabled', (v) => ({ ...v, enabled }))} />
              <span className="text-sm text-muted-foreground">{values.enabled ? 'On' : 'Off'}</span>
            </div>
          )}
        </FormField>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Type</legend>
        <div className="mt-1.5 grid gap-2 sm:grid-cols-3">
          {ruleTypes.map((type) => (
            <label
              key={type}
              className={cn(
                'flex cursor-pointer gap-2.5 rounded-lg border border-border p-3 text-sm hover:bg-muted/60 has-focus-visible:outline-2 has-focus-visible:outline-ring',
                values.rule_type === type && 'border-primary bg-accent',
              )}
            >
              <input
                type="radio"
                name="rule_type"
                id={values.rule_type === type ? fieldId('rule_type') : undefined}
                value={type}
                checked={values.rule_type === type}
                onChange={() => update('rule_type', (v) => ({ ...v, rule_type: type }))}
                className="mt-0.5 accent-primary"
              />
              <span>
                <span className="block font-medium">{ruleTypeLabels[type]}</span>
                <span className="mt-0.5 block text-xs text-muted-foreground">{ruleTypeHints[type]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  )
}
