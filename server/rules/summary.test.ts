import { describe, expect, it } from 'vitest'
import { validateRuleDraft } from '../../src/contract/rules'
import { storedRule } from './test-rules'
import { summaryString } from './summary'

function summary(fields: Record<string, unknown>): string {
  return summaryString(storedRule({ id: '00000000-0000-4000-8000-000000000001', name: 'r', priority: 0, ...fields }))
}

const severity = (actions: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  summary({ rule_type: 'severity_sampling', config: { actions, ...extra } })

describe('summaryString', () => {
  it('describes severity sampling in level order', () => {
    expect(severity({ INFO: { type: 'sample', rate: 0.1 }, DEBUG: { type: 'drop' } })).toBe('Drops DEBUG, keeps 10 % of INFO')
    expect(severity({ DEBUG: { type: 'drop' }, INFO: { type: 'drop' }, WARN: { type: 'keep' } })).toBe('Drops DEBUG and INFO')
    expect(severity({ INFO: { type: 'sample', rate: 0.25 }, WARN: { type: 'sample', rate: 0.25 }, DEBUG: { type: 'sample', rate: 0.015 } })).toBe(
      'Keeps 1.5 % of DEBUG, keeps 25 % of INFO and WARN',
    )
    expect(severity({})).toBe('Keeps every level')
  })

  it('adds always_keep conditions', () => {
    expect(
      severity(
        { DEBUG: { type: 'drop' } },
        { always_keep: { status_gte: 500, latency_ms_gt: 1500, attribute_predicates: [{ key: 'tier', op: 'eq', value: 'gold' }, { key: 'debug', op: 'exists' }] } },
      ),
    ).toBe('Drops DEBUG; always keeps status ≥ 500 or latency > 1,500 ms or tier = gold or debug set')
  })

  it('describes path drops by pattern, attribute and filter', () => {
    expect(summary({ rule_type: 'path_drop', config: { patterns: ['/health', '/ready'] } })).toBe('Drops paths matching /health, /ready')
    expect(summary({ rule_type: 'path_drop', config: { patterns: ['a', 'b', 'c', 'd', 'e'] } })).toBe('Drops paths matching a, b, c and 2 more')
    expect(summary({ rule_type: 'path_drop', config: { patterns: ['^kube-probe'], match_attribute_key: 'user_agent' } })).toBe(
      'Drops logs whose user_agent matches ^kube-probe',
    )
    const filter_group = { type: 'AND', values: [{ key: 'message', type: 'log', operator: 'icontains', value: 'ping' }] }
    expect(summary({ rule_type: 'path_drop', config: { filter_group } })).toBe('Drops logs matching a filter (1 condition)')
    expect(summary({ rule_type: 'path_drop', config: { patterns: ['/health'], filter_group, always_keep: { status_gte: 400 } } })).toBe(
      'Drops paths matching /health, or logs matching a filter (1 condition); always keeps status ≥ 400',
    )
  })

  it('describes rate limits, with the burst only when set', () => {
    expect(summary({ rule_type: 'rate_limit', config: { logs_per_second: 500, burst_logs: 1500 } })).toBe('Caps at 500 logs/s (burst 1,500)')
    expect(summary({ rule_type: 'rate_limit', config: { kb_per_second: 200 } })).toBe('Caps at 200 KB/s')
    expect(summary({ rule_type: 'rate_limit', config: { logs_per_second: 1_000_000 } })).toBe('Caps at 1,000,000 logs/s')
    expect(
      summary({
        rule_type: 'rate_limit',
        config: { logs_per_second: 5, filter_group: { type: 'OR', values: [{ key: 'a', operator: 'is_set' }, { key: 'b', operator: 'is_set' }] } },
      }),
    ).toBe('Caps at 5 logs/s for logs matching a filter (2 conditions)')
  })

  it('appends the scope', () => {
    expect(summary({ rule_type: 'rate_limit', config: { kb_per_second: 200 }, scope_service: 'checkout' })).toBe('Caps at 200 KB/s · service checkout')
    expect(
      summary({
        rule_type: 'path_drop',
        config: { patterns: ['/health'] },
        scope_service: 'api',
        scope_path_pattern: '^/internal',
        scope_attribute_filters: [{ key: 'env', op: 'eq', value: 'prod' }, { key: 'canary', op: 'not_exists' }],
      }),
    ).toBe('Drops paths matching /health · service api · path ~ ^/internal · env = prod · canary not set')
    expect(
      summary({
        rule_type: 'rate_limit',
        config: { kb_per_second: 1 },
        scope_attribute_filters: [{ key: 'a', op: 'exists' }, { key: 'b', op: 'ne', value: '1' }, { key: 'c', op: 'regex', value: 'x' }],
      }),
    ).toBe('Caps at 1 KB/s · 3 attribute conditions')
  })

  it('summarises an unsaved draft the same way', () => {
    const draft = validateRuleDraft({ name: 'd', rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' } } }, scope_service: 'web' })
    if (!draft.ok) throw draft.error
    expect(summaryString(draft.value)).toBe('Drops DEBUG · service web')
  })
})
