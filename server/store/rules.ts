import type { Rule } from '../../src/contract/rules'
import { Params, type Db, type Row, type Tx } from './db'

export const RULE_COLUMNS = `id::VARCHAR AS id, name, enabled, priority, rule_type, scope_service, scope_path_pattern,
  scope_attribute_filters::VARCHAR AS scope_attribute_filters, config::VARCHAR AS config, version, created_by,
  created_at, updated_at`

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

/** Every rule of an environment in evaluation order: priority, then created_at (then id, for a total order). */
export async function listRules(db: Db | Tx, envId: number): Promise<Rule[]> {
  const p = new Params()
  const rows = await db.all(`SELECT ${RULE_COLUMNS} FROM sampling_rules WHERE env_id = ${p.add(envId)} ORDER BY priority, created_at, id`, p)
  return rows.map(toRule)
}
