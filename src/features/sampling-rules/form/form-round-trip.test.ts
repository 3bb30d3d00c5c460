import { describe, expect, it } from 'vitest'
import type { RuleResponse } from '@/contract/rules'
import { makeRule } from '../testing/fixtures'
import { ruleToForm } from './from-rule'
import { validateRuleForm } from './validate'

const cases: [string, Partial<RuleResponse>][] = [
  [
    'severity sampling with exceptions',
    {
      rule_type: 'severity_sampling',
      scope_service: 'checkout',
      scope_attribute_filters: [{ key: 'customer.tier', op: 'ne', value: 'gold' }],
      config: {
        actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.3333 }, WARN: { type: 'sample', rate: 0.5 } },
        always_keep: { status_gte: 500, latency_ms_gt: 1500, attribute_predicates: [{ key: 'debug.keep', op: 'exists' }] },
      },
    },
  ],
  [
    'path drop on an attribute with a filter group',
    {
      rule_type: 'path_drop',
      scope_path_pattern: '^/internal',
      config: {
        patterns: ['^/health$', 'bot'],
        match_attribute_key: 'http.user_agent',
        filter_group: { type: 'OR', values: [{ key: 'http.route', operator: 'exact', type: 'log_attribute', value: '/ready' }] },
      },
    },
  ],
  [
    'rate limit in KB with a burst and a nested filter group (edited as JSON)',
    {
      rule_type: 'rate_limit',
      config: {
        kb_per_second: 64,
        burst_kb: 512,
        filter_group: {
          type: 'AND',
          values: [
            { type: 'OR', values: [{ key: 'a', operator: 'exact', type: 'log_attribute', value: ['1', '2'] }] },
            { key: 'b', operator: 'is_set', type: 'log_attribute' },
          ],
        },
      },
    },
  ],
]

describe('A stored rule through the form and back', () => {
  it.each(cases)('%s comes back as the same draft', (_name, fields) => {
    const rule = makeRule({ name: 'Round trip', ...fields } as RuleResponse)
    const { draft, errors } = validateRuleForm(ruleToForm(rule))
    expect(errors).toEqual({})
    expect(draft).toEqual({
      name: rule.name,
      enabled: rule.enabled,
      priority: null,
      rule_type: rule.rule_type,
      scope_service: rule.scope_service,
      scope_path_pattern: rule.scope_path_pattern,
      scope_attribute_filters: rule.scope_attribute_filters,
      config: rule.config,
    })
  })

  it('shows a flat filter group as rows and anything deeper as JSON', () => {
    const [, path] = cases[1]!
    const [, rate] = cases[2]!
    expect(ruleToForm(makeRule({ name: 'p', ...path } as RuleResponse)).path_drop.filter_group).toMatchObject({ mode: 'rows', type: 'OR' })
    expect(ruleToForm(makeRule({ name: 'r', ...rate } as RuleResponse)).rate_limit.filter_group).toMatchObject({ mode: 'json' })
  })
})
