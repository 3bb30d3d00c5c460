import { Input } from '@/components/ui/input'
import { SegmentedControl } from '@/components/ui/segmented-control'
import { sampledLevels, type SampledLevel } from '@/contract/rules'
import { cn } from '@/lib/cn'
import type { ActionType, SeverityForm } from '../../form/form-values'
import { FieldError } from './field-error'
import { useFieldControl, useRuleFormContext } from './rule-form-context'
import { AlwaysKeepFields } from './always-keep-fields'

const actionOptions = [
  { value: 'keep', label: 'Keep' },
  { value: 'sample', label: 'Sample' },
  { value: 'drop', label: 'Drop' },
] as const satisfies readonly { value: ActionType; label: string }[]

const levelDot: Record<SampledLevel, string> = { DEBUG: 'bg-sev-debug', INFO: 'bg-sev-info', WARN: 'bg-sev-warn', ERROR: 'bg-sev-error' }

function LevelRow({ level, config, onChange }: { level: SampledLevel; config: SeverityForm; onChange: (key: string, next: SeverityForm) => void }) {
  const action = config.actions[level]
  const type = useFieldControl(`config__actions__${level}`)
  const rate = useFieldControl(`config__actions__${level}__rate`)
  const set = (key: string, patch: Partial<SeverityForm['actions'][SampledLevel]>) =>
    onChange(key, { ...config, actions: { ...config.actions, [level]: { ...action, ...patch } } })

  return (
    <li className="space-y-1 py-2">
      <div className="flex flex-wrap items-center gap-3">
        <span className="flex w-20 items-center gap-2 text-sm font-medium">
          <span aria-hidden="true" className={cn('size-2 rounded-full', levelDot[level])} />
          {level}
        </span>
        <SegmentedControl
          id={type.props.id}
          label={`${level} logs`}
          value={action.type}
          options={actionOptions}
          onValueChange={(next) => set(type.props.name, { type: next })}
        />
        {action.type === 'sample' && (
          <span className="flex items-center gap-2 text-sm">
            <span aria-hidden="true">Keep</span>
            <Input
              {...rate.props}
              aria-label={`Share of ${level} logs to keep (%)`}
              inputMode="decimal"
              className="w-20 text-right tabular-nums"
              value={action.ratePct}
              placeholder="10"
              onChange={(e) => set(rate.props.name, { ratePct: e.target.value })}
            />
            <span aria-hidden="true">%</span>
          </span>
        )}
      </div>
      <FieldError fieldKey={type.props.name} message={type.error} />
      <FieldError fieldKey={rate.props.name} message={rate.error} />
    </li>
  )
}

/** Per level: keep, sample (keep a share, whole traces together) or drop; plus exceptions. */
export function SeverityConfig() {
  const { values, update } = useRuleFormContext()
  const config = values.severity_sampling
  const onChange = (key: string, next: SeverityForm) => update(key, (v) => ({ ...v, severity_sampling: next }))
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium">Levels</legend>
        <p className="text-xs text-muted-foreground">
          Sampling keeps the given share per trace (a whole trace is kept or dropped together). Levels set to Keep are left alone.
        </p>
        <ul className="divide-y divide-border">
          {sampledLevels.map((level) => (
            <LevelRow key={level} level={level} config={config} onChange={onChange} />
          ))}
        </ul>
      </fieldset>
      <AlwaysKeepFields value={config.always_keep} onChange={(key, always_keep) => onChange(key, { ...config, always_keep })} />
    </div>
  )
}
