import type { FilterGroup, FilterLeaf } from '../../src/contract/query'
import { isFilterGroup, type LogFieldKey } from '../../src/contract/query'
import { levelOfSeverity, type Level, type SeverityLevel } from '../../src/contract/severity'
import { NO_SERVICE } from '../../src/contract/logs'
import type { Params } from './db'
import { mayHaveKeySql } from './key-bits'

export const LEVEL_CODES: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 }
export const LEVEL_NAMES: Level[] = ['debug', 'info', 'warn', 'error']

/** Log attributes kept as real columns too (storage-notes: promoted keys are 4–5× faster to filter). */
export const HOT_ATTRIBUTE_COLUMNS: Record<string, string> = {
  'http.route': 'http_route',
  'http.method': 'http_method',
  'http.status_code': 'status_code',
  'user.id': 'user_id',
}

/** Columns for the log fields a `type: "log"` filter may name (the contract's `logFieldKeys`). */
const LOG_FIELD_COLUMNS: Record<LogFieldKey, string> = {
  message: 'body',
  body: 'body',
  severity_text: 'severity_text',
  level: `(['debug', 'info', 'warn', 'error'])[level + 1]`,
  service_name: 'service_name',
  'service.name': 'service_name',
  trace_id: 'trace_id',
  span_id: 'span_id',
  event_name: 'event_name',
}

/** RFC 6901 JSON pointer for one top-level key: no quoting problems whatever the key contains. */
export function jsonPointer(key: string): string {
  return '/' + key.replace(/~/g, '~0').replace(/\//g, '~1')
}

export type AttributeKind = 'log' | 'resource'

/** SQL expression for one attribute's string value (NULL when absent). */
export function attributeExpr(kind: AttributeKind, key: string, p: Params): string {
  if (kind === 'log') {
    // hasOwn: a key like `constructor` must not find Object.prototype's members.
    if (Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, key)) return HOT_ATTRIBUTE_COLUMNS[key]!
    return `json_extract_string(attributes, ${p.add(jsonPointer(key))})`
  }
  return `json_extract_string(resource_attributes, ${p.add(jsonPointer(key))})`
}

/**
 * `expr` holds `text`, case-insensitively (as lower() folds case; every character literal). A plain
 * substring test: ILIKE '%…%' with an ESCAPE, which this replaces, runs DuckDB's general pattern
 * matcher — on the bench's 127 k bodies of a page's first probe ~45 ms against ~16 ms.
 */
export function containsText(expr: string, text: string, p: Params): string {
  return `contains(lower(${expr}), lower(${p.add(text)}))`
}

export function serviceNameValue(name: string): string {
  return name === NO_SERVICE ? '' : name
}

export function levelCodes(severities: readonly SeverityLevel[]): number[] {
  return [...new Set(severities.map((s) => LEVEL_CODES[levelOfSeverity(s)]))].sort()
}

/** Operators that hold only for a log that has the key (absent reads as NULL, and NULL never matches). */
const NEEDS_KEY = new Set<FilterLeaf['operator']>(['exact', 'icontains', 'regex', 'gt', 'lt', 'is_set'])

/**
 * A log attribute key that lives only in the JSON text: a condition that needs the key asks the
 * key signature first, so the text is read only for logs that may have it (key-bits.ts).
 */
export function jsonOnlyLogKey(kind: AttributeKind, key: string): boolean {
  return kind === 'log' && !Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, key)
}

function leafExpr(leaf: FilterLeaf, p: Params): string {
  const sql = leafCondition(leaf, p)
  return leaf.type === 'log_attribute' && jsonOnlyLogKey('log', leaf.key) && NEEDS_KEY.has(leaf.operator)
    ? `(${mayHaveKeySql(leaf.key)} AND ${sql})`
    : sql
}

function leafCondition(leaf: FilterLeaf, p: Params): string {
  let expr: string
  if (leaf.type === 'log') {
    const column = LOG_FIELD_COLUMNS[leaf.key as LogFieldKey]
    expr = column === 'service_name' ? `nullif(service_name, '')` : column
  } else {
    expr = attributeExpr(leaf.type === 'log_attribute' ? 'log' : 'resource', leaf.key, p)
  }
  const v = leaf.value
  const list = (Array.isArray(v) ? v : [v]).map((x) => String(x))
  switch (leaf.operator) {
    case 'exact':
      return `(${expr} IN (${list.map((x) => p.add(x)).join(', ')}))`
    case 'is_not':
      return `(${expr} IS NULL OR ${expr} NOT IN (${list.map((x) => p.add(x)).join(', ')}))`
    case 'icontains':
      return `(${containsText(expr, String(v), p)})`
    case 'not_icontains':
      return `(${expr} IS NULL OR NOT ${containsText(expr, String(v), p)})`
    case 'regex':
      return `coalesce(regexp_matches(${expr}, ${p.add(String(v))}), false)`
    case 'not_regex':
      return `NOT coalesce(regexp_matches(${expr}, ${p.add(String(v))}), false)`
    case 'gt':
      return `coalesce(TRY_CAST(${expr} AS DOUBLE) > ${p.add(Number(v))}, false)`
    case 'lt':
      return `coalesce(TRY_CAST(${expr} AS DOUBLE) < ${p.add(Number(v))}, false)`
    case 'is_set':
      return `(${expr} IS NOT NULL)`
    case 'is_not_set':
      return `(${expr} IS NULL)`
  }
}

/** SQL for a filter group; an empty group (or one of only empty groups) is no condition. */
export function filterGroupSql(group: FilterGroup, p: Params): string | null {
  const parts: string[] = []
  for (const node of group.values) {
    const sql = isFilterGroup(node) ? filterGroupSql(node, p) : leafExpr(node, p)
    if (sql) parts.push(sql)
  }
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0]! : `(${parts.join(group.type === 'OR' ? ' OR ' : ' AND ')})`
}

export interface LogFilter {
  envId: number
  fromUs: number
  toUs: number
  severityLevels?: readonly SeverityLevel[] | null
  serviceNames?: readonly string[] | null
  searchTerm?: string | null
  filterGroup?: FilterGroup
}

/** WHERE clause over `logs` for a query; `[fromUs, toUs)` bound as TIMESTAMP parameters. */
export function logWhere(f: LogFilter, p: Params): string {
  const where = [`env_id = ${p.add(f.envId)}`, `timestamp >= ${p.ts(f.fromUs)}`, `timestamp < ${p.ts(f.toUs)}`]
  if (f.severityLevels?.length) where.push(`level IN (${levelCodes(f.severityLevels).map((c) => p.add(c)).join(', ')})`)
  if (f.serviceNames?.length) where.push(`service_name IN (${f.serviceNames.map((s) => p.add(serviceNameValue(s))).join(', ')})`)
  if (f.searchTerm) where.push(containsText('body', f.searchTerm, p))
  if (f.filterGroup) {
    const sql = filterGroupSql(f.filterGroup, p)
    if (sql) where.push(sql)
  }
  return where.join(' AND ')
}

/** A group with no leaf anywhere is no condition at all. */
export function isEmptyGroup(group: FilterGroup): boolean {
  return group.values.every((node) => isFilterGroup(node) && isEmptyGroup(node))
}

/** Whether the per-minute rollup can answer this filter (it knows only service and level). */
export function rollupCanAnswer(f: LogFilter): boolean {
  return !f.searchTerm && (!f.filterGroup || isEmptyGroup(f.filterGroup))
}
