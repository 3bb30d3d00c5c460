import type { AlwaysKeep, Rule, ScopeAttributeFilter } from '../../src/contract/rules'
import type { Level } from '../../src/contract/severity'
import type { Params } from '../store/db'
import { mayHaveKeySql } from '../store/key-bits'
import { filterGroupSql, HOT_ATTRIBUTE_COLUMNS, jsonPointer, LEVEL_CODES, serviceNameValue } from '../store/log-filters'
import { LATENCY_KEYS } from './engine'

/**
 * The rule engine's twin in SQL over the `logs` table, so a simulation reads millions of stored
 * rows in one scan instead of feeding them through JS. Each method mirrors a part of engine.ts
 * and must keep meaning exactly what it means there (rule-sql.test.ts compares both per log):
 *
 * - Conditions are built without NOT around anything that can be NULL. Under SQL's three-valued
 *   logic a formula of AND/OR over conditions that are NULL exactly where the engine says "false"
 *   (absent attribute, no path) then comes out true exactly where the engine's does, and a CASE
 *   treats NULL as not taken. Where the engine reads absence as "true" (`ne`, `not_exists`) the
 *   condition says so explicitly.
 * - Attributes are the log's own (as `attributeExpr('log', …)`), the path is the `path` column
 *   (NULL when empty), the level is the normalised level code, and sampling compares the stored
 *   `sample_key` (the engine's `sampleKey`) with the first key the engine's division rejects.
 *
 * Reading the JSON attributes text is by far the dearest part of a scan (every row's text is
 * decompressed once the column is referenced at all), so keys are read from it only when needed:
 * promoted keys come from their columns, keys that no stored log of the window has (per the
 * attribute-key catalog) are NULL without touching the text, the key signature (`key_bits`) rules
 * out most logs without a string search, and a substring test skips the JSON parse for logs whose
 * text cannot hold the key.
 */

/** What happens to a log at the simulated rule, per row of the decision CASE. */
export const Outcome = {
  /** Resolved by an earlier rule, or outside the rule's scope (or left out of `outcomesSql`). */
  notReached: 0,
  /** Reaches the rule and is in scope; the rule keeps it or passes it on. */
  kept: 1,
  dropped: 2,
  /** Reaches a rate limit's bucket: kept or dropped depending on the traffic around it. */
  metered: 3,
} as const

const TRUE = 'true'
const FALSE = 'false'
const SAMPLE_DIVISOR = 0xffffffff

/**
 * Only literals are ever left out (`true` here, `false` in `or`): a part holding a parameter must
 * stay in the text, or its value would be bound to no `$n`. DuckDB folds `… AND false` itself.
 */
function and(parts: (string | null)[]): string {
  const present = parts.filter((x): x is string => x !== null && x !== TRUE)
  if (present.length === 0) return TRUE
  return present.length === 1 ? present[0]! : `(${present.join(' AND ')})`
}

function or(parts: (string | null)[]): string | null {
  const present = parts.filter((x): x is string => x !== null && x !== FALSE)
  if (present.length === 0) return parts.includes(FALSE) ? FALSE : null
  return present.length === 1 ? present[0]! : `(${present.join(' OR ')})`
}

/** Keys that every JSON writer spells as themselves between quotes (no escapes possible). */
const PLAIN_KEY = /^[A-Za-z0-9_.-]+$/

const levelsByKey: Record<string, Level> = { DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' }

/**
 * The smallest sample key the engine samples out at this rate (0 < rate < 1). The engine keeps
 * when `key / 0xFFFFFFFF < rate`; that quotient never decreases as the key grows, so one integer
 * comparison decides the same as the division, about ten times faster over millions of rows.
 */
export function sampleDropThreshold(rate: number): number {
  let k = Math.min(SAMPLE_DIVISOR, Math.max(0, Math.ceil(rate * SAMPLE_DIVISOR)))
  while (k > 0 && (k - 1) / SAMPLE_DIVISOR >= rate) k--
  while (k <= SAMPLE_DIVISOR && k / SAMPLE_DIVISOR < rate) k++
  return k
}

function alwaysKeepOf(rule: Rule): AlwaysKeep | undefined {
  return rule.rule_type === 'rate_limit' ? undefined : rule.config.always_keep
}

/**
 * SQL for rules, adding its values to `p`. `storedKeys`, when given, are the log attribute keys the
 * window's logs have (a superset is fine); any other key reads as absent.
 */
export class RuleSql {
  constructor(
    private readonly p: Params,
    private readonly storedKeys: ReadonlySet<string> | null = null,
  ) {}

  private regex(expr: string, pattern: string): string {
    return expr === 'NULL' ? FALSE : `coalesce(regexp_matches(${expr}, ${this.p.add(pattern)}), false)`
  }

  /**
   * A log attribute's value, NULL when absent. A key kept only in the JSON text is looked for there
   * only in logs whose key signature says they may have it (key-bits.ts): an integer test that
   * spares the string search in most logs.
   */
  private attribute(key: string): string {
    if (Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, key)) return HOT_ATTRIBUTE_COLUMNS[key]!
    if (this.storedKeys && !this.storedKeys.has(key)) return 'NULL'
    const extract = `json_extract_string(attributes, ${this.p.add(jsonPointer(key))})`
    const may = mayHaveKeySql(key)
    return `CASE WHEN ${may}${PLAIN_KEY.test(key) ? ` AND contains(attributes, ${this.p.add(JSON.stringify(key))})` : ''} THEN ${extract} END`
  }

  private equals(expr: string, value: string): string {
    return expr === 'NULL' ? FALSE : `coalesce(${expr} = ${this.p.add(value)}, false)`
  }

  private differs(expr: string, value: string): string {
    return expr === 'NULL' ? TRUE : `(${expr} IS NULL OR ${expr} <> ${this.p.add(value)})`
  }

  private present(expr: string, present: boolean): string {
    if (expr === 'NULL') return present ? FALSE : TRUE
    return `(${expr} ${present ? 'IS NOT NULL' : 'IS NULL'})`
  }

  /** The first non-empty of several attributes, as the engine's `firstNonEmpty`, read as a number. */
  private firstNumber(keys: readonly string[]): string {
    const exprs = keys.map((k) => this.attribute(k)).filter((e) => e !== 'NULL')
    if (exprs.length === 0) return 'NULL'
    return `TRY_CAST(coalesce(${exprs.map((e) => `nullif(${e}, '')`).join(', ')}) AS DOUBLE)`
  }

  private compare(expr: string, op: '>=' | '>', bound: number): string {
    return expr === 'NULL' ? FALSE : `coalesce(${expr} ${op} ${this.p.add(bound)}, false)`
  }

  private scopeFilter(f: ScopeAttributeFilter): string {
    const expr = this.attribute(f.key)
    switch (f.op) {
      case 'eq':
        return this.equals(expr, f.value ?? '')
      case 'ne':
        return this.differs(expr, f.value ?? '')
      case 'exists':
        return this.present(expr, true)
      case 'not_exists':
        return this.present(expr, false)
      case 'regex':
        return this.regex(expr, f.value ?? '')
    }
  }

  /** Whether a log is in the rule's scope (service, path pattern, attribute filters); `true` when unscoped. */
  scope(rule: Rule): string {
    return and([
      rule.scope_service === null ? null : `service_name = ${this.p.add(serviceNameValue(rule.scope_service))}`,
      rule.scope_path_pattern === null ? null : this.regex('path', rule.scope_path_pattern),
      ...rule.scope_attribute_filters.map((f) => this.scopeFilter(f)),
    ])
  }

  /** `always_keep`: any one condition keeps the log; null when the rule has none. */
  alwaysKeep(k: AlwaysKeep | undefined): string | null {
    if (!k) return null
    const parts: string[] = []
    // The status is stored per log (`status_number`, see storedStatus in engine.ts); status_gte is whole.
    if (k.status_gte !== undefined) parts.push(this.compare('status_number', '>=', k.status_gte))
    if (k.latency_ms_gt !== undefined) parts.push(this.compare(this.firstNumber(LATENCY_KEYS), '>', k.latency_ms_gt))
    for (const pred of k.attribute_predicates ?? []) {
      const expr = this.attribute(pred.key)
      if (pred.op === 'exists') parts.push(this.present(expr, true))
      else if (pred.op === 'eq') parts.push(this.equals(expr, pred.value ?? ''))
      else parts.push(this.differs(expr, pred.value ?? ''))
    }
    return or(parts)
  }

  /**
   * The condition under which a rule drops a log that reached it in scope and was not always-kept.
   * Null: it never drops (severity rule keeping every level). Rate limits are metered, not decided here.
   */
  drop(rule: Rule): string | null {
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
          else if (rate < 1) sampled.push(`(level = ${this.p.add(code)} AND sample_key >= ${this.p.add(sampleDropThreshold(rate))}::BIGINT)`)
        }
        return or([dropped.length ? `level IN (${dropped.map((c) => this.p.add(c)).join(', ')})` : null, ...sampled])
      }
      case 'path_drop': {
        const { patterns = [], match_attribute_key: matchKey, filter_group: group } = rule.config
        const target = matchKey === undefined ? 'path' : this.attribute(matchKey)
        return or([...patterns.map((pattern) => this.regex(target, pattern)), group ? filterGroupSql(group, this.p) : null])
      }
      case 'rate_limit':
        return null
    }
  }

  /** The rate limit's filter: which in-scope logs its bucket meters (`true` when every one). */
  metered(rule: Rule & { rule_type: 'rate_limit' }): string {
    return rule.config.filter_group ? (filterGroupSql(rule.config.filter_group, this.p) ?? TRUE) : TRUE
  }

  /**
   * Whether a rule resolves a log (so later rules never see it): a severity rule every log in scope,
   * a path drop the ones it always-keeps or drops, a rate limit every one its bucket meters —
   * whatever the bucket then decides. That makes "which logs reach a later rule" exact even behind
   * rate limits.
   */
  resolves(rule: Rule): string {
    const scope = this.scope(rule)
    switch (rule.rule_type) {
      case 'severity_sampling':
        return scope
      case 'path_drop':
        return and([scope, or([this.alwaysKeep(alwaysKeepOf(rule)), this.drop(rule)]) ?? FALSE])
      case 'rate_limit':
        return and([scope, this.metered(rule)])
    }
  }

  /**
   * Whether the rule acts on a log at all, ignoring the rules ahead of it (for the "matched no logs"
   * warning): in scope and, for a path drop, its patterns or filter match; for a rate limit, metered.
   */
  matches(rule: Rule): string {
    const scope = this.scope(rule)
    switch (rule.rule_type) {
      case 'severity_sampling':
        return scope
      case 'path_drop':
        return and([scope, this.drop(rule) ?? FALSE])
      case 'rate_limit':
        return and([scope, this.metered(rule)])
    }
  }

  /** At the target, for a log that reached it in scope: kept, dropped or metered. */
  decision(target: Rule): string {
    if (target.rule_type === 'rate_limit') return `CASE WHEN ${this.metered(target)} THEN ${Outcome.metered} ELSE ${Outcome.kept} END`
    const keep = this.alwaysKeep(alwaysKeepOf(target))
    const drop = this.drop(target)
    if (!drop) return String(Outcome.kept)
    // Kept unless dropped, and always_keep only matters for a log the rule would drop: asked second,
    // it is evaluated for those logs alone (DuckDB runs a CASE's later branches on the rows left).
    const dropped = keep ? `CASE WHEN ${keep} THEN ${Outcome.kept} ELSE ${Outcome.dropped} END` : String(Outcome.dropped)
    return `CASE WHEN ${drop} THEN ${dropped} ELSE ${Outcome.kept} END`
  }

  /**
   * The position in `rules` (enabled, in evaluation order) of the first rule that resolves a log,
   * `noResolver` when none does: the engine's first match, as ingestion records it per log.
   */
  firstResolver(rules: readonly Rule[], noResolver: number): string {
    if (rules.length === 0) return String(noResolver)
    return `CASE ${rules.map((r, i) => `WHEN ${this.resolves(r)} THEN ${i}`).join(' ')} ELSE ${noResolver} END`
  }

  /**
   * Each log's `Outcome` at `target` when `ahead` (enabled, in evaluation order) run first. First
   * match wins, but for the target only whether ANY earlier rule resolves a log matters, not which.
   */
  outcome(ahead: readonly Rule[], target: Rule): string {
    const resolved = or(ahead.map((r) => this.resolves(r)))
    const earlier = resolved === null || resolved === FALSE ? '' : `WHEN ${resolved} THEN ${Outcome.notReached} `
    return `CASE ${earlier}WHEN ${this.scope(target)} THEN ${this.decision(target)} ELSE ${Outcome.notReached} END`
  }
}

/**
 * Whether a rule resolves EVERY log of its service: scoped by service alone, a severity rule
 * decides each log in scope and a rate limit without a filter meters each one. Logs of such a
 * service never reach a later rule, whatever else they hold.
 */
function resolvesWholeService(rule: Rule): boolean {
  if (rule.scope_service === null || rule.scope_path_pattern !== null || rule.scope_attribute_filters.length > 0) return false
  return rule.rule_type === 'severity_sampling' || (rule.rule_type === 'rate_limit' && rule.config.filter_group === undefined)
}

/**
 * SQL giving the logs that may reach `target` when the enabled rules `ahead` run first, each with
 * its `Outcome` there as `d` next to `columns`. Logs it leaves out never reach the target (the
 * rollups count them). Null when no log can reach it. Mirrors the engine log by log (rule-sql.test.ts).
 *
 * `taggedSets`: the recorded rule sets that open with exactly the rules `ahead` (rule-sets.ts).
 * A log tagged with one of them reaches the target iff its first resolving rule sits at or after
 * the target's place, `resolver >= ahead.length`: two integer columns instead of every earlier
 * rule's conditions. The other logs are evaluated in full, in a second scan that DuckDB's per-block
 * min/max on `rule_set` confines to the blocks holding them (logs sit in arrival order, and a set's
 * tags are written in runs).
 *
 * In the full evaluation, services a rule ahead resolves wholly are left out by name, and a target
 * scoped to a service reads only that one: filters on one column, which DuckDB applies inside the
 * scan. The rules doing it drop out of the CASE, which is evaluated once per remaining log.
 *
 * No further split, on purpose: splitting the logs by key signature into a scan that reads the JSON
 * text and one that does not (both with the filter inside the scan) decodes every other string
 * column twice, since DuckDB decodes a compressed vector whole for any row selected in it; on the
 * 10 M-log bench store that cost more than the JSON text it spared.
 */
export function outcomesSql(
  p: Params,
  storedKeys: ReadonlySet<string> | null,
  ahead: readonly Rule[],
  target: Rule,
  base: { where: string; columns: string },
  taggedSets: readonly number[] = [],
): string | null {
  const gone = new Set(ahead.filter(resolvesWholeService).map((r) => serviceNameValue(r.scope_service!)))
  if (target.scope_service !== null && gone.has(serviceNameValue(target.scope_service))) return null
  const rules = new RuleSql(p, storedKeys)
  const only = target.scope_service === null ? null : `service_name = ${p.add(serviceNameValue(target.scope_service))}`
  const useTags = ahead.length > 0 && taggedSets.length > 0
  const sets = useTags ? taggedSets.map((id) => `${p.add(id)}::UINTEGER`).join(', ') : ''
  const tagged = useTags
    ? `SELECT ${base.columns}, ${rules.outcome([], target)} AS d FROM logs
       WHERE ${and([base.where, `rule_set IN (${sets})`, `resolver >= ${p.add(ahead.length)}::USMALLINT`, only])}`
    : null

  const rest = ahead.filter((r) => !resolvesWholeService(r))
  const services = only ?? (gone.size ? `service_name NOT IN (${[...gone].map((s) => p.add(s)).join(', ')})` : null)
  const untagged = `SELECT ${base.columns}, ${rules.outcome(rest, target)} AS d FROM logs
    WHERE ${and([base.where, useTags ? `rule_set NOT IN (${sets})` : null, services])}`
  return tagged ? `${tagged}\n UNION ALL ${untagged}` : untagged
}

/** Every log attribute key the rules may read from the JSON text (for the catalog lookup). */
export function jsonKeysOf(rules: readonly Rule[]): string[] {
  const keys = new Set<string>()
  const add = (key: string) => {
    if (!Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, key)) keys.add(key)
  }
  for (const rule of rules) {
    for (const f of rule.scope_attribute_filters) add(f.key)
    const keep = alwaysKeepOf(rule)
    if (keep?.latency_ms_gt !== undefined) LATENCY_KEYS.forEach(add)
    for (const pred of keep?.attribute_predicates ?? []) add(pred.key)
    if (rule.rule_type === 'path_drop' && rule.config.match_attribute_key !== undefined) add(rule.config.match_attribute_key)
  }
  return [...keys]
}
