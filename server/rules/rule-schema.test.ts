import { describe, expect, it } from 'vitest'
import {
  draftSimulateBodySchema,
  reorderBodySchema,
  ruleCreateSchema,
  ruleListSchema,
  rulePatchSchema,
  ruleSchema,
  simulateResponseSchema,
  simulateWindowSchema,
  validateRuleDraft,
} from '../../src/contract/rules'
import { fromZodError } from '../http/errors'

const severity = (config: unknown, extra: Record<string, unknown> = {}) => ({
  name: 'Sample debug',
  rule_type: 'severity_sampling',
  config,
  ...extra,
})

/** The API error a body produces: attr and code, as the route would answer. */
function errorOf(input: unknown, schema: { safeParse(v: unknown): { success: boolean; error?: unknown } } = ruleCreateSchema) {
  const result = schema.safeParse(input)
  expect(result.success).toBe(false)
  const err = fromZodError(result.error as Parameters<typeof fromZodError>[0])
  return { attr: err.attr, code: err.code, detail: err.message }
}

describe('ruleCreateSchema', () => {
  it('accepts a minimal severity rule and fills the defaults', () => {
    const parsed = ruleCreateSchema.parse(severity({ actions: { DEBUG: { type: 'drop' } } }))
    expect(parsed).toEqual({
      name: 'Sample debug',
      enabled: false,
      priority: null,
      rule_type: 'severity_sampling',
      scope_service: null,
      scope_path_pattern: null,
      scope_attribute_filters: [],
      config: { actions: { DEBUG: { type: 'drop' } } },
    })
  })

  it('drops server-owned and unknown top-level fields instead of failing (a PUT of a fetched rule)', () => {
    const parsed = ruleCreateSchema.parse(
      severity({ actions: {} }, { id: 'x', created_at: 'y', impact_24h: {}, version: 3 }),
    )
    expect(parsed).not.toHaveProperty('id')
    expect(parsed).not.toHaveProperty('impact_24h')
    expect(parsed.version).toBe(3)
  })

  it('requires a rate for sample actions', () => {
    expect(errorOf(severity({ actions: { DEBUG: { type: 'sample' } } }))).toMatchObject({
      attr: 'config__actions__DEBUG__rate',
      code: 'required',
    })
  })

  it('rejects a rate outside 0–1', () => {
    expect(errorOf(severity({ actions: { INFO: { type: 'sample', rate: 1.5 } } }))).toMatchObject({
      attr: 'config__actions__INFO__rate',
      code: 'max_value',
    })
    expect(errorOf(severity({ actions: { INFO: { type: 'sample', rate: -0.1 } } }))).toMatchObject({
      attr: 'config__actions__INFO__rate',
      code: 'min_value',
    })
  })

  it('rejects an unknown action type and an unknown level, naming them', () => {
    expect(errorOf(severity({ actions: { WARN: { type: 'maybe' } } }))).toMatchObject({
      attr: 'config__actions__WARN__type',
      code: 'invalid_choice',
    })
    expect(errorOf(severity({ actions: { debug: { type: 'drop' } } }))).toMatchObject({
      attr: 'config__actions__debug',
      code: 'invalid_input',
    })
  })

  it('rejects unknown config keys with an attr naming the key', () => {
    expect(errorOf(severity({ actions: {}, sample_everything: true }))).toMatchObject({
      attr: 'config__sample_everything',
      code: 'invalid_input',
    })
    expect(errorOf({ name: 'r', rule_type: 'rate_limit', config: { logs_per_second: 5, burst: 9 } })).toMatchObject({
      attr: 'config__burst',
    })
  })

  it('requires config.actions for severity sampling', () => {
    expect(errorOf(severity({}))).toMatchObject({ attr: 'config__actions', code: 'required' })
  })

  it('validates always_keep', () => {
    expect(errorOf(severity({ actions: {}, always_keep: { status_gte: 99 } }))).toMatchObject({
      attr: 'config__always_keep__status_gte',
      code: 'min_value',
    })
    expect(
      errorOf(severity({ actions: {}, always_keep: { attribute_predicates: [{ key: 'tier', op: 'eq' }] } })),
    ).toMatchObject({ attr: 'config__always_keep__attribute_predicates__0__value', code: 'required' })
    expect(
      errorOf(severity({ actions: {}, always_keep: { attribute_predicates: [{ key: 'tier', op: 'gt', value: '1' }] } })),
    ).toMatchObject({ attr: 'config__always_keep__attribute_predicates__0__op', code: 'invalid_choice' })
  })

  it('names rule_type when it is unknown or missing', () => {
    expect(errorOf({ name: 'r', rule_type: 'drop_everything', config: {} })).toMatchObject({
      attr: 'rule_type',
      code: 'invalid_choice',
    })
    expect(errorOf({ name: 'r', config: {} })).toMatchObject({ attr: 'rule_type', code: 'required' })
  })

  it('rejects a body that is not an object without crashing', () => {
    expect(errorOf('name=x')).toMatchObject({ attr: null })
    expect(errorOf(null)).toMatchObject({ attr: null })
  })

  it('checks the name: required, not blank, at most 255', () => {
    const config = { actions: {} }
    expect(errorOf({ rule_type: 'severity_sampling', config })).toMatchObject({ attr: 'name', code: 'required' })
    expect(errorOf(severity(config, { name: '' }))).toMatchObject({ attr: 'name', code: 'blank' })
    expect(errorOf(severity(config, { name: '   ' }))).toMatchObject({ attr: 'name', code: 'blank' })
    expect(errorOf(severity(config, { name: 'x'.repeat(256) }))).toMatchObject({ attr: 'name', code: 'max_length' })
    expect(ruleCreateSchema.safeParse(severity(config, { name: 'x'.repeat(255) })).success).toBe(true)
  })

  it('checks enabled and priority', () => {
    const config = { actions: {} }
    expect(errorOf(severity(config, { enabled: 'yes' }))).toMatchObject({ attr: 'enabled' })
    expect(errorOf(severity(config, { priority: -1 }))).toMatchObject({ attr: 'priority', code: 'min_value' })
    expect(errorOf(severity(config, { priority: 1.5 }))).toMatchObject({ attr: 'priority' })
    expect(ruleCreateSchema.parse(severity(config, { priority: null })).priority).toBeNull()
    expect(ruleCreateSchema.parse(severity(config, { priority: 0 })).priority).toBe(0)
  })

  it('checks the scope fields', () => {
    const config = { actions: {} }
    expect(errorOf(severity(config, { scope_path_pattern: '(unclosed' }))).toMatchObject({
      attr: 'scope_path_pattern',
      code: 'invalid_input',
    })
    expect(errorOf(severity(config, { scope_path_pattern: '(a+)+$' }))).toMatchObject({ attr: 'scope_path_pattern' })
    expect(errorOf(severity(config, { scope_path_pattern: 'a'.repeat(1025) }))).toMatchObject({
      attr: 'scope_path_pattern',
      code: 'max_length',
    })
    expect(errorOf(severity(config, { scope_service: 's'.repeat(513) }))).toMatchObject({
      attr: 'scope_service',
      code: 'max_length',
    })
    expect(errorOf(severity(config, { scope_attribute_filters: [{ key: 'env', op: 'eq' }] }))).toMatchObject({
      attr: 'scope_attribute_filters__0__value',
      code: 'required',
    })
    expect(
      errorOf(severity(config, { scope_attribute_filters: [{ key: 'env', op: 'exists' }, { key: 'host', op: 'regex', value: '\\1' }] })),
    ).toMatchObject({ attr: 'scope_attribute_filters__1__value', code: 'invalid_input' })
    expect(errorOf(severity(config, { scope_attribute_filters: [{ key: 'env', op: 'like', value: 'x' }] }))).toMatchObject({
      attr: 'scope_attribute_filters__0__op',
      code: 'invalid_choice',
    })
    expect(
      errorOf(severity(config, { scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'x', extra: 1 }] })),
    ).toMatchObject({ attr: 'scope_attribute_filters__0__extra' })
  })

  it('normalises empty scopes to null and numeric filter values to text', () => {
    const parsed = ruleCreateSchema.parse(
      severity({ actions: {} }, { scope_service: '', scope_path_pattern: '', scope_attribute_filters: [{ key: 'code', op: 'eq', value: 200 }] }),
    )
    expect(parsed.scope_service).toBeNull()
    expect(parsed.scope_path_pattern).toBeNull()
    expect(parsed.scope_attribute_filters).toEqual([{ key: 'code', op: 'eq', value: '200' }])
  })
})

describe('path_drop config', () => {
  const pathDrop = (config: unknown) => ({ name: 'Drop health', rule_type: 'path_drop', config })

  it('names the bad regex by index', () => {
    expect(errorOf(pathDrop({ patterns: ['^/health$', '([a-z]+)*'] }))).toMatchObject({
      attr: 'config__patterns__1',
      code: 'invalid_input',
    })
    expect(errorOf(pathDrop({ patterns: ['/ok', '[unclosed'] }))).toMatchObject({ attr: 'config__patterns__1' })
    expect(errorOf(pathDrop({ patterns: [''] }))).toMatchObject({ attr: 'config__patterns__0', code: 'blank' })
  })

  it('refuses a rule with no pattern and no filter group, counting an empty group as none', () => {
    expect(errorOf(pathDrop({}))).toMatchObject({ attr: 'config__patterns', code: 'required' })
    expect(errorOf(pathDrop({ patterns: [] }))).toMatchObject({ attr: 'config__patterns', code: 'required' })
    expect(
      errorOf(pathDrop({ filter_group: { type: 'AND', values: [{ type: 'AND', values: [] }] } })),
    ).toMatchObject({ attr: 'config__patterns', code: 'required' })
  })

  it('accepts a filter group alone and prunes its empty subgroups', () => {
    const parsed = ruleCreateSchema.parse(
      pathDrop({
        filter_group: {
          type: 'OR',
          values: [
            { type: 'AND', values: [] },
            { type: 'AND', values: [{ key: 'message', operator: 'icontains', type: 'log', value: 'ping' }] },
          ],
        },
      }),
    )
    expect(parsed.config).toEqual({
      filter_group: {
        type: 'OR',
        values: [{ type: 'AND', values: [{ key: 'message', operator: 'icontains', type: 'log', value: 'ping' }] }],
      },
    })
  })

  it('names bad filter leaves under config__filter_group', () => {
    expect(
      errorOf(pathDrop({ filter_group: { type: 'AND', values: [{ key: 'x', operator: 'nope', type: 'log_attribute' }] } })),
    ).toMatchObject({ attr: 'config__filter_group__values__0__operator' })
    expect(
      errorOf(pathDrop({ filter_group: [{ key: 'x', operator: 'regex', type: 'log_attribute', value: '(a|b)*' }] })),
    ).toMatchObject({ attr: 'config__filter_group__values__0__value' })
  })

  it('rejects a type "log" leaf naming an unknown field', () => {
    expect(
      errorOf(pathDrop({ filter_group: { type: 'AND', values: [{ key: 'hostname', operator: 'exact', type: 'log', value: 'a' }] } })),
    ).toMatchObject({ attr: 'config__filter_group__values__0__key' })
  })
})

describe('rate_limit config', () => {
  const rateLimit = (config: unknown) => ({ name: 'Cap', rule_type: 'rate_limit', config })

  it('requires exactly one of logs_per_second and kb_per_second', () => {
    expect(errorOf(rateLimit({}))).toMatchObject({ attr: 'config__logs_per_second', code: 'required' })
    expect(errorOf(rateLimit({ logs_per_second: 5, kb_per_second: 5 }))).toMatchObject({ attr: 'config__kb_per_second' })
  })

  it('bounds the rate to integers 1–1,000,000', () => {
    expect(errorOf(rateLimit({ logs_per_second: 0 }))).toMatchObject({ attr: 'config__logs_per_second', code: 'min_value' })
    expect(errorOf(rateLimit({ logs_per_second: 1_000_001 }))).toMatchObject({ attr: 'config__logs_per_second', code: 'max_value' })
    expect(errorOf(rateLimit({ logs_per_second: 2.5 }))).toMatchObject({ attr: 'config__logs_per_second' })
    expect(errorOf(rateLimit({ kb_per_second: '10' }))).toMatchObject({ attr: 'config__kb_per_second' })
    expect(ruleCreateSchema.safeParse(rateLimit({ logs_per_second: 1_000_000 })).success).toBe(true)
  })

  it('checks the burst against its rate and the ceiling', () => {
    expect(errorOf(rateLimit({ logs_per_second: 100, burst_logs: 99 }))).toMatchObject({ attr: 'config__burst_logs', code: 'min_value' })
    expect(errorOf(rateLimit({ kb_per_second: 100, burst_kb: 10_000_001 }))).toMatchObject({ attr: 'config__burst_kb', code: 'max_value' })
    expect(errorOf(rateLimit({ kb_per_second: 100, burst_logs: 500 }))).toMatchObject({ attr: 'config__burst_logs' })
    expect(ruleCreateSchema.parse(rateLimit({ logs_per_second: 100, burst_logs: 100 })).config).toEqual({ logs_per_second: 100, burst_logs: 100 })
  })
})

describe('rulePatchSchema and validateRuleDraft', () => {
  it('accepts any subset of fields plus a version, without defaults', () => {
    expect(rulePatchSchema.parse({ enabled: true, version: 4 })).toEqual({ enabled: true, version: 4 })
    expect(rulePatchSchema.parse({})).toEqual({})
  })

  it('still checks the fields that are present', () => {
    expect(errorOf({ name: ' ' }, rulePatchSchema)).toMatchObject({ attr: 'name', code: 'blank' })
    expect(errorOf({ rule_type: 'x' }, rulePatchSchema)).toMatchObject({ attr: 'rule_type', code: 'invalid_choice' })
    expect(errorOf({ version: -1 }, rulePatchSchema)).toMatchObject({ attr: 'version', code: 'min_value' })
    expect(errorOf({ config: 'drop' }, rulePatchSchema)).toMatchObject({ attr: 'config' })
  })

  it('validates a merged rule, catching a config that no longer fits its type', () => {
    const stored = { name: 'r', enabled: true, priority: 2, rule_type: 'severity_sampling', config: { actions: {} } }
    const merged = { ...stored, ...rulePatchSchema.parse({ rule_type: 'rate_limit' }) }
    const result = validateRuleDraft(merged)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(fromZodError(result.error).attr).toBe('config__actions')
    const fixed = validateRuleDraft({ ...merged, config: { kb_per_second: 10 } })
    expect(fixed).toMatchObject({ ok: true, value: { rule_type: 'rate_limit', priority: 2, enabled: true } })
  })
})

describe('other bodies and responses', () => {
  it('names a bad uuid in ordered_ids by index', () => {
    const ok = '6f1c3f7e-0a4b-4c8e-9f51-2d3b4c5d6e7f'
    expect(errorOf({ ordered_ids: [ok, ok, 'nope'] }, reorderBodySchema)).toMatchObject({ attr: 'ordered_ids__2' })
    expect(reorderBodySchema.parse({ ordered_ids: [ok] })).toEqual({ ordered_ids: [ok] })
  })

  it('checks simulate windows', () => {
    expect(simulateWindowSchema.parse({})).toEqual({})
    expect(errorOf({ date_from: 'yesterday' }, simulateWindowSchema)).toMatchObject({ attr: 'date_from' })
  })

  it('accepts a draft simulate body without a name, with a position', () => {
    const parsed = draftSimulateBodySchema.parse({ rule_type: 'rate_limit', config: { logs_per_second: 3 }, position: 0, date_from: '-1h' })
    expect(parsed).toMatchObject({ position: 0, date_from: '-1h', config: { logs_per_second: 3 } })
    expect(errorOf({ rule_type: 'rate_limit', config: { logs_per_second: 3 }, position: -1 }, draftSimulateBodySchema)).toMatchObject({
      attr: 'position',
      code: 'min_value',
    })
  })

  const stored = {
    id: '6f1c3f7e-0a4b-4c8e-9f51-2d3b4c5d6e7f',
    name: 'Drop health',
    enabled: true,
    priority: 0,
    rule_type: 'path_drop',
    scope_service: null,
    scope_path_pattern: null,
    scope_attribute_filters: [],
    config: { patterns: ['^/health'] },
    version: 1,
    created_by: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  }

  it('parses rules with and without our extension fields (PostHog omits them)', () => {
    expect(ruleSchema.parse(stored)).toEqual(stored)
    const ours = { ...stored, impact_24h: { dropped_logs: 3, dropped_bytes: 300 }, warnings: [], summary_string: 'Drops paths matching ^/health' }
    expect(ruleListSchema.parse({ count: 1, next: null, previous: null, results: [ours] }).results[0]).toEqual(ours)
  })

  it('parses the minimal PostHog simulate answer and our full one', () => {
    expect(simulateResponseSchema.parse({ estimated_reduction_pct: 0.1, notes: 'x' })).toEqual({ estimated_reduction_pct: 0.1, notes: 'x' })
    expect(
      simulateResponseSchema.safeParse({
        estimated_reduction_pct: 12.5,
        notes: 'x',
        window: { date_from: 'a', date_to: 'b' },
        by_service: [{ service_name: 'api', log_count: 8, dropped_logs: 1, reduction_pct: 12.5 }],
        series: [{ time: 't', before: 8, after: 7 }],
      }).success,
    ).toBe(true)
  })
})
