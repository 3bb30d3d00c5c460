import { FORM_LEVEL } from './field-keys'

const named: Record<string, string> = {
  [FORM_LEVEL]: 'Rule',
  name: 'Name',
  enabled: 'Enabled',
  rule_type: 'Type',
  scope_service: 'Service',
  scope_path_pattern: 'Path pattern',
  config__patterns: 'Patterns',
  config__match_attribute_key: 'Attribute to match',
  config__rate: 'Rate',
  config__burst: 'Burst',
  config__filter_group: 'Filter group',
  config__always_keep__status_gte: 'Always keep: HTTP status',
  config__always_keep__latency_ms_gt: 'Always keep: latency',
}

const parts: Record<string, string> = { key: 'attribute', op: 'condition', operator: 'operator', value: 'value', type: 'source' }

const rows: [RegExp, string][] = [
  [/^scope_attribute_filters__(\d+)__(\w+)$/, 'Filter'],
  [/^config__always_keep__attribute_predicates__(\d+)__(\w+)$/, 'Keep condition'],
  [/^config__filter_group__values__(\d+)__(\w+)$/, 'Condition'],
]

/** The name a user knows a field by, for messages that are not next to it ("Filter 2 value"). */
export function fieldLabel(key: string): string {
  if (key in named) return named[key]!
  const level = /^config__actions__(\w+?)(__rate)?$/.exec(key)
  if (level) return level[2] ? `${level[1]}: share to keep` : `${level[1]} action`
  for (const [re, item] of rows) {
    const m = re.exec(key)
    if (m) return `${item} ${Number(m[1]) + 1} ${parts[m[2]!] ?? m[2]}`
  }
  return key
}
