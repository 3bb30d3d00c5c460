import { http, HttpResponse } from 'msw'
import type { RuleResponse, SimulateResponse } from '@/contract/rules'

/** Fixtures and handlers for the sampling-rules tests (MSW over the real route tree). */

export const RULES = '*/api/environments/:env/logs/sampling_rules'
export const RULE = '*/api/environments/:env/logs/sampling_rules/:id'
export const REORDER = '*/api/environments/:env/logs/sampling_rules/reorder'
export const SIMULATE_DRAFT = '*/api/environments/:env/logs/sampling_rules/simulate'
export const SIMULATE_SAVED = '*/api/environments/:env/logs/sampling_rules/:id/simulate'

let counter = 0

export function makeRule(overrides: Partial<RuleResponse> & Pick<RuleResponse, 'name'>): RuleResponse {
  counter += 1
  const base = {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    enabled: false,
    priority: counter,
    scope_service: null,
    scope_path_pattern: null,
    scope_attribute_filters: [],
    version: 1,
    created_by: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    impact_24h: { dropped_logs: 0, dropped_bytes: 0 },
    warnings: [],
    summary_string: 'Drops DEBUG',
    rule_type: 'severity_sampling' as const,
    config: { actions: { DEBUG: { type: 'drop' as const } } },
  }
  return { ...base, ...overrides } as RuleResponse
}

export const page = (results: RuleResponse[]) => ({ count: results.length, next: null, previous: null, results })

export function estimate(overrides: Partial<SimulateResponse> = {}): SimulateResponse {
  return {
    estimated_reduction_pct: 12.5,
    notes: 'Estimated over the 8,000 logs stored in the window.',
    window: { date_from: '2026-01-01T00:00:00Z', date_to: '2026-01-02T00:00:00Z' },
    total_logs: 8000,
    matched_logs: 4000,
    dropped_logs: 1000,
    dropped_bytes: 256_000,
    by_service: [{ service_name: 'checkout', log_count: 5000, dropped_logs: 1000, reduction_pct: 20 }],
    series: [
      { time: '2026-01-01T00:00:00Z', before: 4000, after: 3500 },
      { time: '2026-01-01T12:00:00Z', before: 4000, after: 3500 },
    ],
    ...overrides,
  }
}

export function apiError(status: number, type: string, code: string, detail: string, attr: string | null = null) {
  return HttpResponse.json({ type, code, detail, attr }, { status })
}

/** The editor's suggestion lookups, answered with nothing (tests that need suggestions override them). */
export const emptyLookups = [
  http.post('*/api/environments/:env/logs/services', () =>
    HttpResponse.json({ services: [], sparkline: [], summary: { top_services_count: 0, top_services_volume_share_pct: 0 }, total_services: 0 }),
  ),
  http.get('*/api/environments/:env/logs/attributes', () => HttpResponse.json({ results: [], count: 0 })),
  http.get('*/api/environments/:env/logs/values', () => HttpResponse.json({ results: [], refreshing: false })),
]
