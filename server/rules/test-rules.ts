import { storedRuleSchema, type Rule } from '../../src/contract/rules'

let seq = 0

/**
 * Test fixture (used only by tests): a stored rule parsed by the contract, so its shape is exactly
 * what the store hands over. Rules are numbered as they are made — id, name and priority — and
 * `fields` go on top.
 */
export function storedRule(fields: Record<string, unknown>): Rule {
  seq++
  return storedRuleSchema.parse({
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    name: `rule ${seq}`,
    enabled: true,
    priority: seq,
    scope_service: null,
    scope_path_pattern: null,
    scope_attribute_filters: [],
    version: 1,
    created_by: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...fields,
  })
}
