import { describe, expect, it } from 'vitest'
import type { Rule } from '../../src/contract/rules'
import { storedRule as rule } from './test-rules'
import { noMatchesWarning, shadowWarnings, unknownServiceWarning } from './lint'

const sampling = (fields: Record<string, unknown> = {}) => rule({ rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' } } }, ...fields })
const pathDrop = (fields: Record<string, unknown> = {}) => rule({ rule_type: 'path_drop', config: { patterns: ['^/health'] }, ...fields })
const rateLimit = (config: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) =>
  rule({ rule_type: 'rate_limit', config: { logs_per_second: 10, ...config }, ...fields })

const shadowed = (rules: Rule[]) => [...shadowWarnings(rules).keys()]

describe('shadowWarnings', () => {
  it('flags every rule after an unscoped severity sampling rule', () => {
    const first = sampling({ name: 'Drop debug' })
    const later = pathDrop({ scope_service: 'api' })
    const last = rateLimit()
    const warnings = shadowWarnings([later, first, last])
    expect([...warnings.keys()].sort()).toEqual([later.id, last.id].sort())
    expect(warnings.get(later.id)).toEqual({
      code: 'shadowed',
      message: 'Never applies: "Drop debug" runs earlier and decides every log in this rule\'s scope.',
    })
  })

  it('flags a later rule with the same service and no narrower scope of the earlier one', () => {
    const first = sampling({ scope_service: 'api' })
    expect(shadowed([first, pathDrop({ scope_service: 'api' })])).toHaveLength(1)
    expect(shadowed([first, pathDrop({ scope_service: 'api', scope_path_pattern: '^/v1' })])).toHaveLength(1)
    expect(shadowed([first, pathDrop({ scope_service: 'web' })])).toEqual([])
    // The later rule sees logs of every service, the earlier only of api.
    expect(shadowed([first, pathDrop()])).toEqual([])
  })

  it('compares path patterns and attribute filters conservatively', () => {
    const byPath = sampling({ scope_path_pattern: '^/api' })
    expect(shadowed([byPath, pathDrop({ scope_path_pattern: '^/api' })])).toHaveLength(1)
    // '^/api/v1' is narrower in fact, but not provably so by comparison: no warning.
    expect(shadowed([byPath, pathDrop({ scope_path_pattern: '^/api/v1' })])).toEqual([])
    expect(shadowed([byPath, pathDrop()])).toEqual([])

    const byAttr = sampling({ scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'prod' }] })
    expect(shadowed([byAttr, pathDrop({ scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'prod' }, { key: 'x', op: 'exists' }] })])).toHaveLength(1)
    expect(shadowed([byAttr, pathDrop({ scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'dev' }] })])).toEqual([])
    expect(shadowed([byAttr, pathDrop()])).toEqual([])

    const exists = sampling({ scope_attribute_filters: [{ key: 'env', op: 'exists' }] })
    expect(shadowed([exists, pathDrop({ scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'prod' }] })])).toHaveLength(1)
    expect(shadowed([exists, pathDrop({ scope_attribute_filters: [{ key: 'env', op: 'ne', value: 'prod' }] })])).toEqual([])
  })

  it('does not count rules that can pass logs on', () => {
    expect(shadowed([pathDrop(), sampling()])).toEqual([])
    expect(shadowed([rateLimit({ filter_group: [{ key: 'noisy', operator: 'is_set' }] }), sampling()])).toEqual([])
    // A rate limit without a filter decides every log: keep under the rate, drop over it.
    expect(shadowed([rateLimit(), sampling()])).toHaveLength(1)
  })

  it('ignores disabled earlier rules but still warns about disabled later ones', () => {
    expect(shadowed([sampling({ enabled: false }), pathDrop()])).toEqual([])
    const first = sampling()
    const later = pathDrop({ enabled: false })
    expect(shadowed([first, later])).toEqual([later.id])
  })

  it('uses evaluation order: priority, then created_at', () => {
    const a = sampling({ priority: 5, created_at: '2026-01-02T00:00:00.000Z' })
    const b = sampling({ priority: 5, created_at: '2026-01-01T00:00:00.000Z' })
    expect(shadowed([a, b])).toEqual([a.id])
    const c = sampling({ priority: 9 })
    const d = sampling({ priority: 1 })
    expect(shadowed([c, d])).toEqual([c.id])
  })
})

describe('data-driven warning wording', () => {
  it('builds the store layer warnings', () => {
    expect(noMatchesWarning(true)).toEqual({ code: 'no_matches_24h', message: 'Matched no logs in the last 24 hours.' })
    expect(noMatchesWarning(false)).toEqual({ code: 'no_matches_24h', message: 'Disabled, and would match none of the logs stored in the last 24 hours.' })
    expect(unknownServiceWarning('chekout')).toEqual({
      code: 'unknown_service',
      message: 'No logs from service "chekout" in the last 24 hours: check the scope\'s service name.',
    })
  })
})
