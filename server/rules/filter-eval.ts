import { isFilterGroup, type FilterGroup, type FilterLeaf } from '../../src/contract/query'
import type { LogFieldKey } from '../../src/contract/query'
import type { LogRecord } from '../logs/record'

/**
 * Filter groups evaluated in memory, for the rule engine. They must mean exactly what
 * `server/store/log-filters.ts` makes them mean in SQL, because simulation may run either way:
 *
 * - A group is AND/OR of its children as written. A group with no leaf anywhere is "no condition"
 *   (SQL leaves it out): `compileFilterGroup` returns null for it, and inside a parent it is skipped.
 * - Leaf value: `log` → a field of the log (`message`/`body` = body, `severity_text` = the severity text,
 *   `level` = the normalised level (debug/info/warn/error), `service_name`/`service.name` = the service, missing when empty, `trace_id`,
 *   `span_id`, `event_name`); `log_attribute` / `log_resource_attribute` → that key of the
 *   attributes / resource attributes, missing when the key is absent ('' is a present value).
 * - `exact` / `is_not`: string equality with any of the values (numbers stringified); a missing
 *   value is not exact and is "is_not".
 * - `icontains` / `not_icontains`: case-insensitive substring (SQL: log-filters.ts containsText); missing → false / true.
 * - `regex` / `not_regex`: unanchored search (RE2 `regexp_matches`; patterns passed `checkRegex`, so
 *   JS agrees); missing → false / true.
 * - `gt` / `lt`: the value parsed as a number the way DuckDB's `TRY_CAST(… AS DOUBLE)` does;
 *   missing or not a number → false for both.
 * - `is_set` / `is_not_set`: present / missing.
 */

export type LogPredicate = (log: LogRecord) => boolean
type Getter = (log: LogRecord) => string | undefined

/** An own property only: attribute maps are plain objects, and `toString` is no attribute. */
export function attributeValue(map: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined
}

const NUMERIC = /^[+-]?(?:(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:e[+-]?\d+)?|inf|infinity|nan)$/i

/** A string as DuckDB's `TRY_CAST(s AS DOUBLE)` reads it; NaN when it is no number (or missing). */
export function parseNumber(s: string | undefined): number {
  if (s === undefined) return NaN
  // A short run of digits (most statuses, latencies, counts): no trimming, pattern or copies.
  if (s.length > 0 && s.length <= 9) {
    let n = 0
    let i = 0
    for (; i < s.length; i++) {
      const digit = s.charCodeAt(i) - 48
      if (digit < 0 || digit > 9) break
      n = n * 10 + digit
    }
    if (i === s.length) return n
  }
  const t = s.trim()
  if (!NUMERIC.test(t)) return NaN
  const lower = t.toLowerCase().replace(/_/g, '')
  const sign = lower.startsWith('-') ? -1 : 1
  const unsigned = lower.replace(/^[+-]/, '')
  if (unsigned === 'inf' || unsigned === 'infinity') return sign * Infinity
  return Number(lower)
}

const logFields: Record<LogFieldKey, Getter> = {
  message: (l) => l.body,
  body: (l) => l.body,
  severity_text: (l) => l.severityText,
  level: (l) => l.level,
  service_name: (l) => (l.serviceName === '' ? undefined : l.serviceName),
  'service.name': (l) => (l.serviceName === '' ? undefined : l.serviceName),
  trace_id: (l) => l.traceId,
  span_id: (l) => l.spanId,
  event_name: (l) => l.eventName,
}

function getter(leaf: FilterLeaf): Getter {
  const key = leaf.key
  switch (leaf.type) {
    case 'log':
      // The rule contract rejects other keys at write time; a filter from elsewhere naming one
      // selects nothing rather than everything.
      return Object.hasOwn(logFields, key) ? logFields[key as LogFieldKey] : () => undefined
    case 'log_attribute':
      return (l) => attributeValue(l.attributes, key)
    case 'log_resource_attribute':
      return (l) => attributeValue(l.resourceAttributes, key)
  }
}

function valueList(value: FilterLeaf['value']): string[] {
  if (value === null || value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

function compileLeaf(leaf: FilterLeaf): LogPredicate {
  const get = getter(leaf)
  switch (leaf.operator) {
    case 'exact': {
      const values = new Set(valueList(leaf.value))
      return (l) => {
        const v = get(l)
        return v !== undefined && values.has(v)
      }
    }
    case 'is_not': {
      const values = new Set(valueList(leaf.value))
      return (l) => {
        const v = get(l)
        return v === undefined || !values.has(v)
      }
    }
    case 'icontains': {
      const needle = String(leaf.value ?? '').toLowerCase()
      return (l) => {
        const v = get(l)
        return v !== undefined && v.toLowerCase().includes(needle)
      }
    }
    case 'not_icontains': {
      const needle = String(leaf.value ?? '').toLowerCase()
      return (l) => {
        const v = get(l)
        return v === undefined || !v.toLowerCase().includes(needle)
      }
    }
    case 'regex': {
      const re = new RegExp(String(leaf.value ?? ''))
      return (l) => {
        const v = get(l)
        return v !== undefined && re.test(v)
      }
    }
    case 'not_regex': {
      const re = new RegExp(String(leaf.value ?? ''))
      return (l) => {
        const v = get(l)
        return v === undefined || !re.test(v)
      }
    }
    case 'gt': {
      const bound = Number(leaf.value)
      return (l) => parseNumber(get(l)) > bound
    }
    case 'lt': {
      const bound = Number(leaf.value)
      return (l) => parseNumber(get(l)) < bound
    }
    case 'is_set':
      return (l) => get(l) !== undefined
    case 'is_not_set':
      return (l) => get(l) === undefined
  }
}

/** Compiles once (regexes and lower-cased needles built here); null means "no condition". */
export function compileFilterGroup(group: FilterGroup | null | undefined): LogPredicate | null {
  if (!group) return null
  const parts: LogPredicate[] = []
  for (const node of group.values) {
    const p = isFilterGroup(node) ? compileFilterGroup(node) : compileLeaf(node)
    if (p) parts.push(p)
  }
  if (parts.length === 0) return null
  if (parts.length === 1) return parts[0]!
  if (group.type === 'OR') {
    return (l) => {
      for (const p of parts) if (p(l)) return true
      return false
    }
  }
  return (l) => {
    for (const p of parts) if (!p(l)) return false
    return true
  }
}
