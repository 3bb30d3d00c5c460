import { sampledLevels } from '@/contract/rules'
import type { AlwaysKeepForm, FilterGroupForm, RuleFormValues } from './form-values'

/** Problems found while reading the inputs, by field key (see `field-keys.ts`). */
export type FieldErrors = Record<string, string>

/** Operators that take no value. */
export const valuelessOps: readonly string[] = ['exists', 'not_exists', 'is_set', 'is_not_set']

/** Text → number; empty means absent; anything else that is not a number is reported at `key`. */
function readNumber(text: string, key: string, errors: FieldErrors): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  const n = Number(trimmed)
  if (Number.isFinite(n)) return n
  errors[key] = 'Enter a number.'
  return undefined
}

const optionalValue = (op: string, value: string) => (valuelessOps.includes(op) || value === '' ? undefined : value)

function readAlwaysKeep(form: AlwaysKeepForm, errors: FieldErrors) {
  const keep = {
    status_gte: readNumber(form.status_gte, 'config__always_keep__status_gte', errors),
    latency_ms_gt: readNumber(form.latency_ms_gt, 'config__always_keep__latency_ms_gt', errors),
    attribute_predicates: form.predicates.length
      ? form.predicates.map((p) => ({ key: p.key, op: p.op, value: optionalValue(p.op, p.value) }))
      : undefined,
  }
  return keep.status_gte === undefined && keep.latency_ms_gt === undefined && !keep.attribute_predicates ? undefined : keep
}

function readFilterGroup(form: FilterGroupForm, errors: FieldErrors): unknown {
  if (form.mode === 'json') {
    if (form.json.trim() === '') return undefined
    try {
      return JSON.parse(form.json)
    } catch (e) {
      errors.config__filter_group = `Not valid JSON: ${(e as Error).message}`
      return undefined
    }
  }
  if (form.rows.length === 0) return undefined
  return {
    type: form.type,
    values: form.rows.map((row, i) => {
      if (row.key.trim() === '') errors[`config__filter_group__values__${i}__key`] = 'Required.'
      if (!valuelessOps.includes(row.operator) && row.value.trim() === '') errors[`config__filter_group__values__${i}__value`] = 'Enter a value.'
      return { type: row.type, key: row.key, operator: row.operator, value: optionalValue(row.operator, row.value) }
    }),
  }
}

function readConfig(values: RuleFormValues, errors: FieldErrors): Record<string, unknown> {
  switch (values.rule_type) {
    case 'severity_sampling': {
      const { actions, always_keep } = values.severity_sampling
      const out: Record<string, unknown> = {}
      for (const level of sampledLevels) {
        const action = actions[level]
        if (action.type === 'drop') out[level] = { type: 'drop' }
        if (action.type === 'sample') {
          const pct = readNumber(action.ratePct, `config__actions__${level}__rate`, errors)
          out[level] = { type: 'sample', rate: pct === undefined ? undefined : pct / 100 }
        }
      }
      return { actions: out, always_keep: readAlwaysKeep(always_keep, errors) }
    }
    case 'path_drop': {
      const c = values.path_drop
      const patterns = c.patterns.split('\n').filter((line) => line.trim() !== '')
      return {
        patterns: patterns.length ? patterns : undefined,
        match_attribute_key: c.match === 'attribute' ? c.match_attribute_key.trim() : undefined,
        filter_group: readFilterGroup(c.filter_group, errors),
        always_keep: readAlwaysKeep(c.always_keep, errors),
      }
    }
    case 'rate_limit': {
      const c = values.rate_limit
      const rate = readNumber(c.rate, 'config__rate', errors)
      const burst = readNumber(c.burst, 'config__burst', errors)
      const filter_group = readFilterGroup(c.filter_group, errors)
      return c.unit === 'logs' ? { logs_per_second: rate, burst_logs: burst, filter_group } : { kb_per_second: rate, burst_kb: burst, filter_group }
    }
  }
}

/** Drops `undefined` entries, so the draft has the same keys as what the server would store. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, compact(v)]),
  )
}

/** The draft as the API reads it (not yet validated), and the inputs that could not be read at all. */
export function readDraftInput(values: RuleFormValues): { input: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const input = {
    name: values.name,
    enabled: values.enabled,
    rule_type: values.rule_type,
    scope_service: values.scope_service.trim() === '' ? null : values.scope_service.trim(),
    scope_path_pattern: values.scope_path_pattern === '' ? null : values.scope_path_pattern,
    scope_attribute_filters: values.scope_attribute_filters.map((f) => ({ key: f.key, op: f.op, value: optionalValue(f.op, f.value) })),
    config: readConfig(values, errors),
  }
  return { input: compact(input) as Record<string, unknown>, errors }
}
