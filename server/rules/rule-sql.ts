import type { AlwaysKeep, Rule, ScopeAttributeFilter } from '../../src/contract/rules'
import type { Level } from '../../src/contract/severity'
import type { Params } from '../store/db'
import { filterGroupSql, HOT_ATTRIBUTE_COLUMNS, jsonPointer, LEVEL_CODES, serviceNameValue } from '../store/log-filters'
import { LATENCY_KEYS, STATUS_KEYS } from './engine'

/**
 * The rule engine's twin in SQL over the `logs` table, so a simulation reads millions of stored
 * rows in one scan instead of feeding them through JS. Each function mirrors a part of engine.ts
 * and must keep meaning exactly what it means there (simulate.test.ts compares both per log):
 *
 * - Conditions are built without NOT around anything that can be NULL. Under SQL's three-valued
 *   logic a formula of AND/OR over conditions that are NULL exactly where the engine says "false"
 *   (absent attribute, no path) then comes out true exactly where the engine's does, and a CASE
 *   treats NULL as not taken. Where the engine reads absence as "true" (`ne`, `not_exists`) the
 *   condition says so explicitly.
 * - Attributes are the log's own (`logAttributeSql`, as `attributeExpr('log', …)`), the path is the `path` column
 *   (NULL when empty), the level is the normalised level code, and sampling compares the stored
 *   `sample_key` (the engine's `sampleKey`) in DOUBLE arithmetic, as JS does.
 */

/** What happens to a log at the simulated rule, per row of the decision CASE. */
export const Outcome = {
  /** Resolved by an earlier rule, or outside the rule's scope. */
  notReached: 0,
  /** Reaches the rule and is in scope; the rule keeps it or passes it on. */
  kept: 1,
  dropped: 2,
  /** Reaches a rate limit's bucket: kept or dropped depending on the traffic around it. */
  metered: 3,
} as const

const TRUE = 'true'

function and(parts: (string | null)[]): string {
  const present = parts.filter((x): x is string => x !== null && x !== TRUE)
  if (present.length === 0) return TRUE
  return present.length === 1 ? present[0]! : `(${present.join(' AND ')})`
}

function or(parts: (string | null)[]): string | null {
  const present = parts.filter((x): x is string => x !== null)
  if (present.length === 0) return null
  return present.length === 1 ? present[0]! : `(${present.join(' OR ')})`
}

const regexSql = (expr: string, pattern: string, p: Params) => `coalesce(regexp_matches(${expr}, ${p.add(pattern)}), false)`

/** Keys that every JSON writer spells as themselves between quotes (no escapes possible). */
const PLAIN_KEY = /^[A-Za-z0-9_.-]+$/

/**
 * A log attribute's value (NULL when absent): its column when the key is promoted, else from the
 * JSON text. A JSON parse per row is by far the dearest part of a scan; when the quoted key does
 * not even occur in the text the key cannot be present, so a substring test skips the parse for
 * most logs of most rules.
 */
function logAttributeSql(key: string, p: Params): string {
  if (Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, key)) return HOT_ATTRIBUTE_COLUMNS[key]!
  const extract = `json_extract_string(attributes, ${p.add(jsonPointer(key))})`
  return PLAIN_KEY.test(key) ? `CASE WHEN contains(attributes, ${p.add(JSON.stringify(key))}) THEN ${extract} END` : extract
}

/** The first non-empty of several attributes, as the engine's `firstNonEmpty`. */
function firstNonEmptySql(keys: readonly string[], p: Params): string {
  return `coalesce(${keys.map((k) => `nullif(${logAttributeSql(k, p)}, '')`).join(', ')})`
}

/** A number the way the engine's `parseNumber` reads it: DuckDB's TRY_CAST, NULL when none. */
const numberSql = (expr: string) => `TRY_CAST(${expr} AS DOUBLE)`

function scopeFilterSql(f: ScopeAttributeFilter, p: Params): string {
  const expr = logAttributeSql(f.key, p)
  switch (f.op) {
    case 'eq':
      return `coalesce(${expr} = ${p.add(f.value ?? '')}, false)`
    case 'ne':
      return `(${expr} IS NULL OR ${expr} <> ${p.add(f.value ?? '')})`
    case 'exists':
      return `(${expr} IS NOT NULL)`
    case 'not_exists':
      return `(${expr} IS NULL)`
    case 'regex':
      return regexSql(expr, f.value ?? '', p)
  }
}

/** Whether a log is in the rule's scope (service, path pattern, attribute filters); `true` when unscoped. */
export function scopeSql(rule: Rule, p: Params): string {
  return and([
    rule.scope_service === null ? null : `service_name = ${p.add(serviceNameValue(rule.scope_service))}`,
    rule.scope_path_pattern === null ? null : regexSql('path', rule.scope_path_pattern, p),
    ...rule.scope_attribute_filters.map((f) => scopeFilterSql(f, p)),
  ])
}

/** `always_keep`: any one condition keeps the log; null when the rule has none. */
export function alwaysKeepSql(k: AlwaysKeep | undefined, p: Params): string | null {
  if (!k) return null
  const parts: string[] = []
  if (k.status_gte !== undefined) parts.push(`coalesce(${numberSql(firstNonEmptySql(STATUS_KEYS, p))} >= ${p.add(k.status_gte)}, false)`)
  if (k.latency_ms_gt !== undefined) parts.push(`coalesce(${numberSql(firstNonEmptySql(LATENCY_KEYS, p))} > ${p.add(k.latency_ms_gt)}, false)`)
  for (const pred of k.attribute_predicates ?? []) {
    const expr = logAttributeSql(pred.key, p)
    if (pred.op === 'exists') parts.push(`(${expr} IS NOT NULL)`)
    else if (pred.op === 'eq') parts.push(`coalesce(${expr} = ${p.add(pred.value ?? '')}, false)`)
    else parts.push(`(${expr} IS NULL OR ${expr} <> ${p.add(pred.value ?? '')})`)
  }
  return or(parts)
}

const levelsByKey: Record<string, Level> = { DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' }

/**
 * The condition under which a rule drops a log that reached it in scope and was not always-kept.
 * Null: it never drops (severity rule keeping every level). Rate limits are metered, not decided here.
 */
export function dropSql(rule: Rule, p: Params): string | null {
  switch (rule.rule_type) {
    case 'severity_sampling': {
      const dropped: number[] = []
      const sampled: string[] = []
      for (const [key, action] of Object.entries(rule.config.actions)) {
        if (!action || action.type === 'keep') continue
        const code = LEVEL_CODES[levelsByKey[key]!]
        const rate = action.type === 'drop' ? 0 : (action.rate ?? 1)
        // Rates at the ends are fixed decisions in the engine too (see sampleKeeps).
        if (rate <= 0) dropped.push(code)
        else if (rate < 1) {
          sampled.push(`(level = ${p.add(code)} AND sample_key::DOUBLE / 4294967295::DOUBLE >= CAST(${p.add(rate)} AS DOUBLE))`)
        }
      }
      return or([dropped.length ? `level IN (${dropped.map((c) => p.add(c)).join(', ')})` : null, ...sampled])
    }
    case 'path_drop': {
      const { patterns = [], match_attribute_key: matchKey, filter_group: group } = rule.config
      const target = matchKey === undefined ? 'path' : logAttributeSql(matchKey, p)
      return or([...patterns.map((pattern) => regexSql(target, pattern, p)), group ? filterGroupSql(group, p) : null])
    }
    case 'rate_limit':
      return null
  }
}

/** The rate limit's filter: which in-scope logs its bucket meters (`true` when every one). */
export function meteredSql(rule: Rule & { rule_type: 'rate_limit' }, p: Params): string {
  return rule.config.filter_group ? (filterGroupSql(rule.config.filter_group, p) ?? TRUE) : TRUE
}

function alwaysKeepOf(rule: Rule): AlwaysKeep | undefined {
  return rule.rule_type === 'rate_limit' ? undefined : rule.config.always_keep
}

/**
 * Whether a rule resolves a log (so later rules never see it): a severity rule every log in scope,
 * a path drop the ones it always-keeps or drops, a rate limit every one its bucket meters —
 * whatever the bucket then decides. That makes "which logs reach a later rule" exact even behind
 * rate limits.
 */
export function resolvesSql(rule: Rule, p: Params): string {
  const scope = scopeSql(rule, p)
  switch (rule.rule_type) {
    case 'severity_sampling':
      return scope
    case 'path_drop': {
      const decided = or([alwaysKeepSql(alwaysKeepOf(rule), p), dropSql(rule, p)])
      return decided === null ? 'false' : and([scope, decided])
    }
    case 'rate_limit':
      return and([scope, meteredSql(rule, p)])
  }
}

/**
 * Whether the rule acts on a log at all, ignoring the rules ahead of it (for the "matched no logs"
 * warning): in scope and, for a path drop, its patterns or filter match; for a rate limit, metered.
 */
export function matchesSql(rule: Rule, p: Params): string {
  const scope = scopeSql(rule, p)
  switch (rule.rule_type) {
    case 'severity_sampling':
      return scope
    case 'path_drop':
      return and([scope, dropSql(rule, p) ?? 'false'])
    case 'rate_limit':
      return and([scope, meteredSql(rule, p)])
  }
}

/** At the target, for a log that reached it in scope: kept, dropped or metered. */
function decisionSql(target: Rule, p: Params): string {
  if (target.rule_type === 'rate_limit') return `CASE WHEN ${meteredSql(target, p)} THEN ${Outcome.metered} ELSE ${Outcome.kept} END`
  const keep = alwaysKeepSql(alwaysKeepOf(target), p)
  const drop = dropSql(target, p)
  const branches: string[] = []
  if (keep) branches.push(`WHEN ${keep} THEN ${Outcome.kept}`)
  if (drop) branches.push(`WHEN ${drop} THEN ${Outcome.dropped}`)
  return branches.length ? `CASE ${branches.join(' ')} ELSE ${Outcome.kept} END` : String(Outcome.kept)
}

/**
 * One CASE giving each log's `Outcome` at `target` when `ahead` (enabled, in evaluation order) run
 * first: first match wins, so a log reaches the target only if no earlier rule resolved it.
 */
export function outcomeSql(ahead: readonly Rule[], target: Rule, p: Params): string {
  const earlier = ahead.map((r) => `WHEN ${resolvesSql(r, p)} THEN ${Outcome.notReached} `).join('')
  return `CASE ${earlier}WHEN ${scopeSql(target, p)} THEN ${decisionSql(target, p)} ELSE ${Outcome.notReached} END`
}
