import { randomUUID } from 'node:crypto'
import type { Rule, RuleDraft, RuleImpact } from '../../src/contract/rules'
import { badRequest, conflict } from '../http/errors'
import { compareRules } from '../rules/engine'
import { jsonKeysOf, RuleSql } from '../rules/rule-sql'
import { Params, type Db, type Row, type Tx } from './db'
import { serviceNameValue } from './log-filters'

export const RULE_COLUMNS = `id::VARCHAR AS id, name, enabled, priority, rule_type, scope_service, scope_path_pattern,
  scope_attribute_filters::VARCHAR AS scope_attribute_filters, config::VARCHAR AS config, version, created_by,
  created_at, updated_at`

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** A path segment that is no uuid names no rule (404), and never reaches SQL as a failing cast. */
const isRuleId = (id: string) => UUID_RE.test(id)

const iso = (v: unknown) => new Date(v as Date).toISOString()

export function toRule(r: Row): Rule {
  return {
    id: r.id as string,
    name: r.name as string,
    enabled: r.enabled as boolean,
    priority: r.priority as number,
    rule_type: r.rule_type,
    scope_service: (r.scope_service as string | null) ?? null,
    scope_path_pattern: (r.scope_path_pattern as string | null) ?? null,
    scope_attribute_filters: JSON.parse(r.scope_attribute_filters as string),
    config: JSON.parse(r.config as string),
    version: r.version as number,
    created_by: (r.created_by as number | null) ?? null,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  } as Rule
}

/**
 * Every rule of an environment in evaluation order: priority, then created_at, then id. Sorted with
 * the engine's own comparator so the list shows exactly the order ingestion applies.
 */
export async function listRules(db: Db | Tx, envId: number): Promise<Rule[]> {
  const p = new Params()
  const rows = await db.all(`SELECT ${RULE_COLUMNS} FROM sampling_rules WHERE env_id = ${p.add(envId)}`, p)
  return rows.map(toRule).sort(compareRules)
}

export async function getRule(db: Db | Tx, envId: number, id: string): Promise<Rule | null> {
  if (!isRuleId(id)) return null
  const p = new Params()
  const row = await db.one(`SELECT ${RULE_COLUMNS} FROM sampling_rules WHERE env_id = ${p.add(envId)} AND id = ${p.add(id)}::UUID`, p)
  return row ? toRule(row) : null
}

/** Timestamps come from this clock in whole milliseconds: the API shows ms, and the engine orders by them. */
const nowUs = () => Date.now() * 1000

/** The columns a client writes; `writableValues` gives their values in this order. */
const WRITABLE = ['name', 'enabled', 'priority', 'rule_type', 'scope_service', 'scope_path_pattern', 'scope_attribute_filters', 'config'] as const

function writableValues(draft: RuleDraft, priority: number, p: Params): string[] {
  return [
    p.add(draft.name.trim()),
    p.add(draft.enabled),
    p.add(priority),
    p.add(draft.rule_type),
    p.add(draft.scope_service),
    p.add(draft.scope_path_pattern),
    `${p.add(JSON.stringify(draft.scope_attribute_filters))}::JSON`,
    `${p.add(JSON.stringify(draft.config))}::JSON`,
  ]
}

/** Version 1; without a priority the rule goes after the last one (max + 1, 0 for the first). */
export async function createRule(db: Db, envId: number, userId: number, draft: RuleDraft): Promise<Rule> {
  const id = randomUUID()
  return db.write(async (tx) => {
    let priority = draft.priority
    if (priority === null) {
      const q = new Params()
      const last = await tx.one(`SELECT max(priority) AS p FROM sampling_rules WHERE env_id = ${q.add(envId)}`, q)
      priority = last?.p === null || last?.p === undefined ? 0 : (last.p as number) + 1
    }
    const p = new Params()
    const now = p.ts(nowUs())
    await tx.all(
      `INSERT INTO sampling_rules (id, env_id, ${WRITABLE.join(', ')}, version, created_by, created_at, updated_at)
       VALUES (${p.add(id)}::UUID, ${p.add(envId)}, ${writableValues(draft, priority, p).join(', ')}, 1, ${p.add(userId)}, ${now}, ${now})`,
      p,
    )
    return (await getRule(tx, envId, id))!
  })
}

function staleVersion(rule: Rule, sent: number) {
  return conflict(
    `Rule "${rule.name}" was changed by someone else (now version ${rule.version}, you sent ${sent}); reload it and apply your change again.`,
  )
}

/**
 * Replaces a rule's writable fields with what `build` makes of the stored rule, and bumps its
 * version. Reading, the version check and the write happen in ONE transaction on the serialised
 * writer, so two clients holding the same version cannot both get through. `build` may throw (a
 * 400 for a merged rule that is invalid); nothing is written then. A null priority keeps the
 * rule's place. Null when there is no such rule in this environment.
 */
export async function updateRule(
  db: Db,
  envId: number,
  id: string,
  expectedVersion: number | undefined,
  build: (current: Rule) => RuleDraft,
): Promise<Rule | null> {
  if (!isRuleId(id)) return null
  return db.write(async (tx) => {
    const current = await getRule(tx, envId, id)
    if (!current) return null
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw staleVersion(current, expectedVersion)
    const draft = build(current)
    const p = new Params()
    const values = writableValues(draft, draft.priority ?? current.priority!, p)
    const set = WRITABLE.map((column, i) => `${column} = ${values[i]}`)
    await tx.all(
      `UPDATE sampling_rules SET ${set.join(', ')}, version = version + 1, updated_at = ${p.ts(nowUs())}
       WHERE env_id = ${p.add(envId)} AND id = ${p.add(id)}::UUID`,
      p,
    )
    return getRule(tx, envId, id)
  })
}

/** Also forgets the rule's impact rows: nothing can show them any more. */
export async function deleteRule(db: Db, envId: number, id: string): Promise<boolean> {
  if (!isRuleId(id)) return false
  return db.write(async (tx) => {
    const p = new Params()
    const rows = await tx.all(`DELETE FROM sampling_rules WHERE env_id = ${p.add(envId)} AND id = ${p.add(id)}::UUID RETURNING id`, p)
    if (rows.length === 0) return false
    const q = new Params()
    await tx.all(`DELETE FROM rule_impact WHERE env_id = ${q.add(envId)} AND rule_id = ${q.add(id)}::UUID`, q)
    return true
  })
}

/** Why `orderedIds` is not exactly the environment's rules, or null when it is. */
function permutationProblem(orderedIds: string[], existing: Set<string>): string | null {
  const seen = new Set<string>()
  for (const id of orderedIds) {
    if (seen.has(id)) return `ordered_ids lists rule ${id} more than once.`
    if (!existing.has(id)) return `ordered_ids lists ${id}, which is not a sampling rule of this environment.`
    seen.add(id)
  }
  const missing = [...existing].filter((id) => !seen.has(id))
  if (missing.length > 0) {
    return `ordered_ids must list every rule of this environment exactly once; missing ${missing.length === 1 ? 'rule' : `${missing.length} rules, first`} ${missing[0]}.`
  }
  return null
}

/**
 * Gives the rules priorities 0..n-1 in the order given and bumps every version, in ONE
 * transaction; the list must be a permutation of all the environment's rules (checked inside the
 * same transaction, so a rule created meanwhile makes it a 400 rather than a rule left out).
 */
export async function reorderRules(db: Db, envId: number, orderedIds: string[]): Promise<void> {
  const ids = orderedIds.map((id) => id.toLowerCase())
  await db.write(async (tx) => {
    const p = new Params()
    const rows = await tx.all(`SELECT id::VARCHAR AS id FROM sampling_rules WHERE env_id = ${p.add(envId)}`, p)
    const problem = permutationProblem(ids, new Set(rows.map((r) => r.id as string)))
    if (problem) throw badRequest(problem, null)
    if (ids.length === 0) return
    const q = new Params()
    await tx.all(
      `UPDATE sampling_rules SET priority = list_position(from_json(${q.add(JSON.stringify(ids))}, '["VARCHAR"]'), id::VARCHAR) - 1,
         version = version + 1, updated_at = ${q.ts(nowUs())}
       WHERE env_id = ${q.add(envId)}`,
      q,
    )
  })
}

/** What ingestion dropped per rule since `sinceUs` (from the per-minute `rule_impact` counters). */
export async function ruleImpactSince(db: Db, envId: number, sinceUs: number): Promise<Map<string, RuleImpact>> {
  const p = new Params()
  const rows = await db.all(
    `SELECT rule_id::VARCHAR AS rule_id, sum(dropped_logs)::DOUBLE AS n, sum(dropped_bytes)::DOUBLE AS b FROM rule_impact
     WHERE env_id = ${p.add(envId)} AND minute >= ${p.ts(Math.floor(sinceUs / 60_000_000) * 60_000_000)} GROUP BY rule_id`,
    p,
  )
  return new Map(rows.map((r) => [r.rule_id as string, { dropped_logs: r.n as number, dropped_bytes: r.b as number }]))
}

const HOUR_US = 3_600_000_000

/**
 * Which of `keys` some stored log of the window has among its attributes, from the per-hour key
 * catalog (written with the logs, so it holds every key they have; whole hours make it a superset).
 */
export async function storedAttributeKeys(db: Db, envId: number, keys: readonly string[], window: { fromUs: number; toUs: number }): Promise<Set<string>> {
  if (keys.length === 0) return new Set()
  const p = new Params()
  const rows = await db.all(
    `SELECT DISTINCT key FROM attribute_keys
     WHERE env_id = ${p.add(envId)} AND attribute_type = 'log' AND hour >= ${p.ts(Math.floor(window.fromUs / HOUR_US) * HOUR_US)}
       AND hour < ${p.ts(window.toUs)} AND key IN (${keys.map((k) => p.add(k)).join(', ')})`,
    p,
  )
  return new Set(rows.map((r) => r.key as string))
}

export interface StoredLogPresence {
  /** Per rule id: whether some stored log in the window is one the rule acts on (scope + its match). */
  ruleMatches: Map<string, boolean>
  /** Per service name as rules spell it: whether the window holds logs of it. */
  servicesSeen: Map<string, boolean>
}

/**
 * For the data-driven lint warnings, in ONE query: which rules match some stored log of the window
 * (each an EXISTS that stops at the first match, so only a rule that matches nothing reads the
 * whole window) and which services sent any (from the per-minute rollup). Ignores the rules ahead
 * of each rule: shadowing is its own warning.
 */
export async function storedLogPresence(
  db: Db,
  envId: number,
  rules: readonly Rule[],
  services: readonly string[],
  window: { fromUs: number; toUs: number },
): Promise<StoredLogPresence> {
  const result: StoredLogPresence = { ruleMatches: new Map(), servicesSeen: new Map() }
  if (rules.length === 0 && services.length === 0) return result
  const keys = await storedAttributeKeys(db, envId, jsonKeysOf(rules), window)
  const p = new Params()
  const sql = new RuleSql(p, keys)
  // Each value is bound once and referenced by every subquery; only values some subquery uses are bound.
  const env = p.add(envId)
  const to = p.ts(window.toUs)
  const columns: string[] = []
  if (rules.length > 0) {
    const from = p.ts(window.fromUs)
    rules.forEach((r, i) => columns.push(`EXISTS (SELECT 1 FROM logs WHERE env_id = ${env} AND timestamp >= ${from} AND timestamp < ${to} AND ${sql.matches(r)}) AS r${i}`))
  }
  if (services.length > 0) {
    const minuteFrom = p.ts(Math.floor(window.fromUs / 60_000_000) * 60_000_000)
    services.forEach((s, i) =>
      columns.push(
        `EXISTS (SELECT 1 FROM rollup_1m WHERE env_id = ${env} AND minute >= ${minuteFrom} AND minute < ${to} AND service_name = ${p.add(serviceNameValue(s))}) AS s${i}`,
      ),
    )
  }
  const row = await db.one(`SELECT ${columns.join(', ')}`, p)
  rules.forEach((r, i) => result.ruleMatches.set(r.id, row?.[`r${i}`] === true))
  services.forEach((s, i) => result.servicesSeen.set(s, row?.[`s${i}`] === true))
  return result
}
