import { Input } from '@/components/ui/input'
import { SegmentedControl } from '@/components/ui/segmented-control'
import { DEFAULT_BURST_FACTOR } from '@/contract/rules'
import { formatCount } from '@/lib/format'
import type { RateLimitForm } from '../../form/form-values'
import { FilterGroupEditor } from './filter-group-editor'
import { FormField } from './form-field'
import { useRuleFormContext } from './rule-form-context'

const unitOptions = [
  { value: 'logs', label: 'Logs per second' },
  { value: 'kb', label: 'KB per second' },
] as const

/** A token bucket: so many logs (or KB) per second, with a burst allowance. */
export function RateLimitConfig() {
  const { values, update } = useRuleFormContext()
  const config = values.rate_limit
  const set = (key: string, patch: Partial<RateLimitForm>) => update(key, (v) => ({ ...v, rate_limit: { ...v.rate_limit, ...patch } }))
  const unit = config.unit === 'logs' ? 'logs/s' : 'KB/s'
  const rate = Number(config.rate)
  const defaultBurst = Number.isInteger(rate) && rate > 0 ? `${formatCount(rate * DEFAULT_BURST_FACTOR)} (${DEFAULT_BURST_FACTOR} × the rate)` : `${DEFAULT_BURST_FACTOR} × the rate`

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <p className="text-sm font-medium">Limit by</p>
        <SegmentedControl label="Limit by" value={config.unit} options={unitOptions} onValueChange={(next) => set('config__rate', { unit: next })} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField fieldKey="config__rate" label={`Rate (${unit})`} hint="Logs over the limit are dropped.">
          {(control) => (
            <Input {...control} inputMode="numeric" placeholder="100" value={config.rate} onChange={(e) => set(control.name, { rate: e.target.value })} />
          )}
        </FormField>
        <FormField fieldKey="config__burst" label={`Burst (${config.unit === 'logs' ? 'logs' : 'KB'})`} hint={`How much may arrive at once. Empty: ${defaultBurst}.`}>
          {(control) => (
            <Input {...control} inputMode="numeric" placeholder="Default" value={config.burst} onChange={(e) => set(control.name, { burst: e.target.value })} />
          )}
        </FormField>
      </div>
      <FilterGroupEditor
        legend="Only count logs matching (optional)"
        hint="Without conditions, every log in scope counts against the limit."
        value={config.filter_group}
        onChange={(key, filter_group) => set(key, { filter_group })}
      />
    </div>
  )
}
