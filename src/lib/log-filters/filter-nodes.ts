import {
  isFilterGroup,
  parseFilterGroup,
  type FilterGroup,
  type FilterLeaf,
  type FilterLeafType,
  type FilterOperator,
} from '@/contract/query'

/**
 * The explorer's attribute filters: a top-level AND of nodes. A node is a contract leaf, or a
 * contract group (an OR a saved view brought along) that the bar shows as one chip.
 */
export type FilterNode = FilterLeaf | FilterGroup

/** Operators a user picks; each has its exclusion twin (`gt`/`lt` have none). */
export const includeOperators = ['exact', 'icontains', 'regex', 'gt', 'lt', 'is_set'] as const
export type IncludeOperator = (typeof includeOperators)[number]

const negations: Partial<Record<FilterOperator, FilterOperator>> = {
  exact: 'is_not',
  is_not: 'exact',
  icontains: 'not_icontains',
  not_icontains: 'icontains',
  regex: 'not_regex',
  not_regex: 'regex',
  is_set: 'is_not_set',
  is_not_set: 'is_set',
}

const excluding = new Set<FilterOperator>(['is_not', 'not_icontains', 'not_regex', 'is_not_set'])

export const operatorLabels: Record<FilterOperator, string> = {
  exact: '=',
  is_not: '≠',
  icontains: 'contains',
  not_icontains: 'does not contain',
  regex: 'matches',
  not_regex: 'does not match',
  gt: '>',
  lt: '<',
  is_set: 'is set',
  is_not_set: 'is not set',
}

export const includeOperatorNames: Record<IncludeOperator, string> = {
  exact: 'equals',
  icontains: 'contains',
  regex: 'matches regex',
  gt: 'greater than',
  lt: 'less than',
  is_set: 'is set',
}

export function isExcluding(operator: FilterOperator): boolean {
  return excluding.has(operator)
}

/** The operator of the other polarity, or null for `gt`/`lt`. */
export function negateOperator(operator: FilterOperator): FilterOperator | null {
  return negations[operator] ?? null
}

/** The include operator behind any operator (`is_not` → `exact`). */
export function baseOperator(operator: FilterOperator): IncludeOperator {
  return (isExcluding(operator) ? negations[operator] : operator) as IncludeOperator
}

export function takesValue(operator: FilterOperator): boolean {
  return operator !== 'is_set' && operator !== 'is_not_set'
}

/**
 * Keeps the nodes the contract accepts and drops the rest one by one, so one broken filter in a
 * shared URL does not throw the others away.
 */
export function parseFilterNodes(input: unknown): FilterNode[] {
  if (!Array.isArray(input)) return []
  const nodes: FilterNode[] = []
  for (const raw of input) {
    const issues: { path: (string | number)[]; message: string }[] = []
    const group = parseFilterGroup(raw, issues)
    if (!group || issues.length > 0) continue
    const wasGroup = Array.isArray(raw) || (typeof raw === 'object' && raw !== null && 'values' in raw)
    nodes.push(wasGroup ? group : group.values[0]!)
  }
  return nodes
}

/** Unwraps AND groups into the top level and single-child groups into their child. */
export function flattenNodes(nodes: readonly FilterNode[]): FilterNode[] {
  const out: FilterNode[] = []
  for (const node of nodes) {
    if (!isFilterGroup(node)) out.push(node)
    else if (node.type === 'AND' || node.values.length === 1) out.push(...flattenNodes(node.values))
    else if (node.values.length > 0) out.push(node)
  }
  return out
}

const sameTarget = (a: FilterLeaf, b: FilterLeaf) => a.key === b.key && a.type === b.type

/**
 * Adds a filter the way people mean it: "filter by" replaces an `=` on the same key, "exclude"
 * extends an existing `≠` on the same key to any of the values, and a duplicate is a no-op.
 */
export function addFilter(nodes: readonly FilterNode[], leaf: FilterLeaf): FilterNode[] {
  if (nodes.some((node) => JSON.stringify(node) === JSON.stringify(leaf))) return [...nodes]
  if (leaf.operator === 'exact') {
    const kept = nodes.filter((node) => isFilterGroup(node) || !(sameTarget(node, leaf) && node.operator === 'exact'))
    return [...kept, leaf]
  }
  if (leaf.operator === 'is_not') {
    const index = nodes.findIndex((node) => !isFilterGroup(node) && sameTarget(node, leaf) && node.operator === 'is_not')
    if (index >= 0) {
      const existing = nodes[index] as FilterLeaf
      const values = [...toList(existing.value), ...toList(leaf.value)]
      const merged: FilterLeaf = { ...existing, value: [...new Set(values)] }
      return nodes.map((node, i) => (i === index ? merged : node))
    }
  }
  return [...nodes, leaf]
}

function toList(value: FilterLeaf['value']): (string | number)[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

export function leafFor(key: string, type: FilterLeafType, value: string, exclude: boolean): FilterLeaf {
  return { key, type, operator: exclude ? 'is_not' : 'exact', value }
}

/** `http.route = /health`, `host.name ≠ a, b (resource)`, `(level = error or body contains x)`. */
export function describeNode(node: FilterNode): string {
  if (isFilterGroup(node)) {
    const joiner = node.type === 'OR' ? ' or ' : ' and '
    return `(${node.values.map(describeNode).join(joiner)})`
  }
  const key = node.type === 'log' && (node.key === 'message' || node.key === 'body') ? 'body' : node.key
  const suffix = node.type === 'log_resource_attribute' ? ' (resource)' : ''
  if (!takesValue(node.operator)) return `${key} ${operatorLabels[node.operator]}${suffix}`
  return `${key} ${operatorLabels[node.operator]} ${toList(node.value).join(', ')}${suffix}`
}
