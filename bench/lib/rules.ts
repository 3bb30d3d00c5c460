/** Rule sets for the benchmark, created through the real rules API (`logs/sampling_rules`). */
import { api, send } from './http'

const RULES = '/api/environments/1/logs/sampling_rules'

export type RuleBody = Record<string, unknown>

/** Whether this build serves the rules API (it is the rules issue's work). */
export async function rulesApiAvailable(url: string): Promise<boolean> {
  const a = await send('GET', `${url}${RULES}?limit=1`)
  return a.status === 200
}

export async function deleteAllRules(url: string): Promise<void> {
  for (;;) {
    const { body } = await api<{ results: { id: string }[] }>(url, 'GET', `${RULES}?limit=1000`)
    if (body.results.length === 0) return
    for (const r of body.results) await api(url, 'DELETE', `${RULES}/${r.id}`)
  }
}

export async function createRules(url: string, rules: RuleBody[]): Promise<string[]> {
  const ids: string[] = []
  for (const r of rules) ids.push((await api<{ id: string }>(url, 'POST', RULES, r)).body.id)
  return ids
}

export const simulatePath = (id: string) => `${RULES}/${id}/simulate`

/**
 * Ten enabled rules of every type, scoped the way teams scope them: what a simulated rule runs
 * behind. Together they drop health checks, most debug noise of the busiest services and cap two.
 */
export const TEN_ENABLED_RULES: RuleBody[] = [
  { name: 'Drop health checks', rule_type: 'path_drop', enabled: true, config: { patterns: ['^/health', '^/ready'] } },
  {
    name: 'Gateway: drop debug, half of info',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_service: 'api-gateway',
    config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.5 } }, always_keep: { status_gte: 500 } },
  },
  { name: 'SSR: drop debug', rule_type: 'severity_sampling', enabled: true, scope_service: 'frontend-ssr', config: { actions: { DEBUG: { type: 'drop' } } } },
  { name: 'Search: cap', rule_type: 'rate_limit', enabled: true, scope_service: 'search', config: { logs_per_second: 50 } },
  { name: 'CDN: drop assets', rule_type: 'path_drop', enabled: true, scope_service: 'cdn-edge', config: { patterns: ['^/assets/'] } },
  {
    name: 'Product pages: keep a fifth of info',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_path_pattern: '^/api/v1/products',
    config: { actions: { INFO: { type: 'sample', rate: 0.2 } }, always_keep: { latency_ms_gt: 1000 } },
  },
  { name: 'Probes by user agent', rule_type: 'path_drop', enabled: true, config: { match_attribute_key: 'user_agent.original', patterns: ['^kube-probe/'] } },
  {
    name: 'Notifications: drop queued debug',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_service: 'notifications',
    scope_attribute_filters: [{ key: 'queue', op: 'exists' }],
    config: { actions: { DEBUG: { type: 'drop' } } },
  },
  { name: 'Analytics: cap bytes', rule_type: 'rate_limit', enabled: true, scope_service: 'analytics-ingest', config: { kb_per_second: 100 } },
  {
    name: 'Catalog: sample debug',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_service: 'catalog',
    config: { actions: { DEBUG: { type: 'sample', rate: 0.1 } }, always_keep: { latency_ms_gt: 1000 } },
  },
]

/** The rule being simulated: disabled, after the ten (what an engineer previews before enabling). */
export const SIMULATED_RULE: RuleBody = {
  name: 'Everywhere: drop debug, keep a quarter of info',
  rule_type: 'severity_sampling',
  enabled: false,
  config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'sample', rate: 0.25 } }, always_keep: { status_gte: 500 } },
}

/**
 * Twenty enabled rules for the ingest figure, ordered so most logs are tested against most rules
 * (scopes and regexes that rarely match come first) while only a few percent are dropped — so the
 * figure measures rule evaluation, not writes saved by dropping.
 */
export const TWENTY_INGEST_RULES: RuleBody[] = [
  ...['/internal/', '\\.php$', '^/wp-admin', '^/debug/pprof', '^/actuator/'].map((p, i) => ({
    name: `Drop scanner paths ${i + 1}`,
    rule_type: 'path_drop',
    enabled: true,
    config: { patterns: [p] },
  })),
  ...['pdf-renderer', 'support-desk', 'metrics-proxy', 'config-service', 'rate-limiter', 'audit-log', 'import-worker', 'export-worker'].map((service) => ({
    name: `${service}: drop debug`,
    rule_type: 'severity_sampling',
    enabled: true,
    scope_service: service,
    config: { actions: { DEBUG: { type: 'drop' } } },
  })),
  {
    name: 'Tenant debug sampling',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_attribute_filters: [{ key: 'tenant.id', op: 'eq', value: 'acme' }],
    config: { actions: { DEBUG: { type: 'sample', rate: 0.1 } } },
  },
  {
    name: 'Legacy API paths',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_path_pattern: '^/api/v0/',
    config: { actions: { INFO: { type: 'sample', rate: 0.1 } } },
  },
  {
    name: 'Drop retries of bots',
    rule_type: 'path_drop',
    enabled: true,
    config: { match_attribute_key: 'user_agent.original', patterns: ['[Bb]ot/|crawler|spider'] },
  },
  { name: 'Cap the webhook flood', rule_type: 'rate_limit', enabled: true, scope_service: 'webhooks', config: { logs_per_second: 10_000 } },
  {
    name: 'Checkout: sample debug',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_service: 'checkout',
    config: { actions: { DEBUG: { type: 'sample', rate: 0.5 } }, always_keep: { status_gte: 500 } },
  },
  {
    name: 'Slow-request keeper',
    rule_type: 'severity_sampling',
    enabled: true,
    scope_attribute_filters: [{ key: 'duration_ms', op: 'regex', value: '^\\d{5,}' }],
    config: { actions: { DEBUG: { type: 'keep' }, INFO: { type: 'keep' } } },
  },
  { name: 'Global safety cap', rule_type: 'rate_limit', enabled: true, config: { logs_per_second: 1_000_000, burst_logs: 5_000_000 } },
]
