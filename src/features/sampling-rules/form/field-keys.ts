import type { RuleFormValues } from './form-values'

/**
 * Every input of the editor is keyed by the contract's name for its field (`attr`, nested with
 * `__`), so a server 400 and a client issue land on the same input. A few inputs stand for several
 * contract fields: the rate (`logs_per_second` or `kb_per_second`), the burst, the patterns
 * textarea (one pattern per line) and a filter group edited as JSON.
 */

/** Errors that belong to no input (shown above the form). */
export const FORM_LEVEL = ''

/** The DOM id of a field's input, for labels, error links and focusing the first invalid one. */
export const fieldId = (key: string) => `rule-field-${key || 'form'}`

const simple = new Set(['name', 'enabled', 'rule_type', 'scope_service', 'scope_path_pattern', 'config__match_attribute_key', 'config__patterns'])

const rules: [RegExp, (m: RegExpExecArray, values: RuleFormValues) => string][] = [
  [/^(scope_attribute_filters__\d+)__(key|op|value)$/, (m) => m[0]],
  [/^(scope_attribute_filters__\d+)(__.+)?$/, (m) => `${m[1]}__key`],
  [/^config__actions__(DEBUG|INFO|WARN|ERROR)__rate$/, (m) => m[0]],
  [/^config__actions__(DEBUG|INFO|WARN|ERROR)(__.+)?$/, (m) => `config__actions__${m[1]}`],
  [/^config__always_keep__(status_gte|latency_ms_gt)$/, (m) => m[0]],
  [/^config__always_keep__attribute_predicates__\d+__(key|op|value)$/, (m) => m[0]],
  [/^(config__always_keep__attribute_predicates__\d+)(__.+)?$/, (m) => `${m[1]}__key`],
  [/^config__(logs_per_second|kb_per_second)$/, () => 'config__rate'],
  [/^config__(burst_logs|burst_kb)$/, () => 'config__burst'],
  [
    /^config__filter_group__values__(\d+)__(key|operator|value|type)$/,
    (m, values) => (groupInRows(values) ? m[0] : 'config__filter_group'),
  ],
  [/^config__filter_group(__.*)?$/, () => 'config__filter_group'],
]

function groupInRows(values: RuleFormValues): boolean {
  const group = values.rule_type === 'path_drop' ? values.path_drop.filter_group : values.rate_limit.filter_group
  return group.mode === 'rows'
}

/** 1-based line of the `index`-th non-blank line of the patterns textarea. */
function patternLine(values: RuleFormValues, index: number): number {
  let seen = -1
  const lines = values.path_drop.patterns.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '' && ++seen === index) return i + 1
  }
  return index + 1
}

/** The input an `attr` names (FORM_LEVEL when none does), and a prefix for its message. */
export function fieldForAttr(attr: string | null, values: RuleFormValues): { key: string; prefix: string } {
  if (attr === null) return { key: FORM_LEVEL, prefix: '' }
  if (simple.has(attr)) return { key: attr, prefix: '' }
  const pattern = /^config__patterns__(\d+)$/.exec(attr)
  if (pattern) return { key: 'config__patterns', prefix: `Line ${patternLine(values, Number(pattern[1]))}: ` }
  for (const [re, key] of rules) {
    const m = re.exec(attr)
    if (m) return { key: key(m, values), prefix: '' }
  }
  return { key: FORM_LEVEL, prefix: '' }
}
