import { z } from 'zod'
import { dateInputSchema } from './dates'
import { checkRegex } from './regex'
import { severityLevels } from './severity'

/** The `query` object shared by services, sparkline, query and saved-view filters (api.md §2). */

export const filterOperators = [
  'exact', 'is_not', 'icontains', 'not_icontains', 'regex', 'not_regex', 'gt', 'lt', 'is_set', 'is_not_set',
] as const
export type FilterOperator = (typeof filterOperators)[number]
export const filterLeafTypes = ['log', 'log_attribute', 'log_resource_attribute'] as const
export type FilterLeafType = (typeof filterLeafTypes)[number]
/** Fields of the log itself that a `type: "log"` filter may name (`message` is the body). */
export type LogFieldKey = (typeof logFieldKeys)[number]
export const logFieldKeys = ['message', 'body', 'severity_text', 'level', 'service_name', 'service.name', 'trace_id', 'span_id', 'event_name'] as const

export type FilterValue = string | number | (string | number)[] | null
export interface FilterLeaf {
  key: string
  operator: FilterOperator
  type: FilterLeafType
  value?: FilterValue
}
export interface FilterGroup {
  type: 'AND' | 'OR'
  values: (FilterGroup | FilterLeaf)[]
}
export function isFilterGroup(node: FilterGroup | FilterLeaf): node is FilterGroup {
  return Array.isArray((node as FilterGroup).values)
}

export const FILTER_MAX_DEPTH = 16
export const FILTER_MAX_NODES = 256
const MAX_VALUE_LENGTH = 4096

interface Issue {
  path: (string | number)[]
  message: string
}

/**
 * Parses and normalises a filter group by hand (not a recursive zod schema) so the depth and node
 * limits are checked before anything recurses deeply, and every problem gets an exact path.
 */
export function parseFilterGroup(input: unknown, issues: Issue[], basePath: (string | number)[] = []): FilterGroup | undefined {
  let nodes = 0
  const walk = (node: unknown, path: (string | number)[], depth: number): FilterGroup | FilterLeaf | undefined => {
    if (++nodes > FILTER_MAX_NODES) {
      issues.push({ path: basePath, message: `Filter group has more than ${FILTER_MAX_NODES} nodes.` })
      return undefined
    }
    if (depth > FILTER_MAX_DEPTH) {
      issues.push({ path: basePath, message: `Filter group is nested deeper than ${FILTER_MAX_DEPTH} levels.` })
      return undefined
    }
    if (Array.isArray(node)) return walk({ type: 'AND', values: node }, path, depth)
    if (typeof node !== 'object' || node === null) {
      issues.push({ path, message: 'Expected a filter group or a filter.' })
      return undefined
    }
    const obj = node as Record<string, unknown>
    if ('values' in obj) {
      const type = obj.type ?? 'AND'
      if (type !== 'AND' && type !== 'OR') {
        issues.push({ path: [...path, 'type'], message: 'Group type must be "AND" or "OR".' })
        return undefined
      }
      if (!Array.isArray(obj.values)) {
        issues.push({ path: [...path, 'values'], message: 'Group values must be a list.' })
        return undefined
      }
      const values: (FilterGroup | FilterLeaf)[] = []
      for (let i = 0; i < obj.values.length; i++) {
        const child = walk(obj.values[i], [...path, 'values', i], depth + 1)
        if (!child) return undefined
        values.push(child)
      }
      return { type, values }
    }
    return parseLeaf(obj, path, issues)
  }
  const out = walk(input, basePath, 1)
  if (!out) return undefined
  return isFilterGroup(out) ? out : { type: 'AND', values: [out] }
}

function parseLeaf(obj: Record<string, unknown>, path: (string | number)[], issues: Issue[]): FilterLeaf | undefined {
  const { key, operator, type, value } = obj
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
    issues.push({ path: [...path, 'key'], message: 'Filter key must be a non-empty string of at most 512 characters.' })
    return undefined
  }
  if (typeof operator !== 'string' || !(filterOperators as readonly string[]).includes(operator)) {
    issues.push({ path: [...path, 'operator'], message: `Operator must be one of ${filterOperators.join(', ')}.` })
    return undefined
  }
  const leafType = type ?? 'log_attribute'
  if (typeof leafType !== 'string' || !(filterLeafTypes as readonly string[]).includes(leafType)) {
    issues.push({ path: [...path, 'type'], message: `Filter type must be one of ${filterLeafTypes.join(', ')}.` })
    return undefined
  }
  if (leafType === 'log' && !(logFieldKeys as readonly string[]).includes(key)) {
    issues.push({ path: [...path, 'key'], message: `Unknown log field "${key}": use one of ${logFieldKeys.join(', ')}, or type log_attribute.` })
    return undefined
  }
  const op = operator as FilterOperator
  const leaf: FilterLeaf = { key, operator: op, type: leafType as FilterLeafType }
  const bad = (message: string) => {
    issues.push({ path: [...path, 'value'], message })
    return undefined
  }
  const scalar = (v: unknown) => (typeof v === 'string' && v.length <= MAX_VALUE_LENGTH) || (typeof v === 'number' && Number.isFinite(v))
  switch (op) {
    case 'is_set':
    case 'is_not_set':
      return leaf
    case 'exact':
    case 'is_not':
      if (Array.isArray(value)) {
        if (value.length === 0 || value.length > 256 || !value.every(scalar)) {
          return bad('Expected 1–256 strings or numbers.')
        }
        leaf.value = value as (string | number)[]
        return leaf
      }
      if (!scalar(value)) return bad('Expected a string, a number or a list of them.')
      leaf.value = value as string | number
      return leaf
    case 'icontains':
    case 'not_icontains':
      if (!scalar(value)) return bad('Expected a string.')
      leaf.value = String(value)
      return leaf
    case 'regex':
    case 'not_regex': {
      if (typeof value !== 'string') return bad('Expected a regex string.')
      const problem = checkRegex(value)
      if (problem) return bad(problem)
      leaf.value = value
      return leaf
    }
    case 'gt':
    case 'lt': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      if (!Number.isFinite(n)) return bad('Expected a number.')
      leaf.value = n
      return leaf
    }
  }
}

export const filterGroupSchema = z.unknown().transform((input, ctx): FilterGroup => {
  const issues: Issue[] = []
  const group = parseFilterGroup(input, issues)
  for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
  return group ?? { type: 'AND', values: [] }
})

export const dateRangeSchema = z.object({
  date_from: dateInputSchema.nullish(),
  date_to: dateInputSchema.nullish(),
})
export type DateRange = z.infer<typeof dateRangeSchema>

export const orderBySchema = z.enum(['latest', 'earliest'])

/** Fields every query shares. */
export const queryBaseSchema = z.object({
  dateRange: dateRangeSchema.nullish(),
  severityLevels: z.array(z.enum(severityLevels)).max(16).nullish(),
  serviceNames: z.array(z.string().max(512)).max(1000).nullish(),
  searchTerm: z.string().max(1024).nullish(),
  filterGroup: filterGroupSchema.optional(),
})

export const logsQuerySchema = queryBaseSchema.extend({
  orderBy: orderBySchema.nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  after: z.string().max(512).nullish(),
})
export type LogsQuery = z.infer<typeof logsQuerySchema>

export const sparklineQuerySchema = queryBaseSchema.extend({
  sparklineBreakdownBy: z.enum(['severity', 'service']).nullish(),
})
export type SparklineQuery = z.infer<typeof sparklineQuerySchema>

export const servicesQuerySchema = queryBaseSchema.extend({
  serviceNameSearch: z.string().max(512).nullish(),
  limit: z.number().int().min(1).max(10000).nullish(),
})
export type ServicesQuery = z.infer<typeof servicesQuerySchema>

/** Saved-view filters: the query fields of §2; keys we do not know are kept as sent. */
export const viewFiltersSchema = logsQuerySchema.loose()
export type ViewFilters = z.infer<typeof viewFiltersSchema>

/** Request bodies: `{query: {...}}`. A missing query is an empty one (the last hour). */
export const logsQueryBodySchema = z.object({ query: logsQuerySchema.default({}) })
export const sparklineBodySchema = z.object({ query: sparklineQuerySchema.default({}) })
export const servicesBodySchema = z.object({ query: servicesQuerySchema.default({}) })
