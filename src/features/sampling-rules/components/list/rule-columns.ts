/** The rules table's columns, shared by the table and its skeleton so nothing moves when data arrives. */
export interface RuleColumn {
  id: 'handle' | 'position' | 'name' | 'scope' | 'summary' | 'impact' | 'warnings' | 'enabled' | 'actions'
  label: string
  width?: string
  hiddenLabel?: boolean
  numeric?: boolean
}

export const ruleColumns: readonly RuleColumn[] = [
  { id: 'handle', label: 'Reorder', width: '2.75rem', hiddenLabel: true },
  { id: 'position', label: '#', width: '2.5rem', numeric: true },
  { id: 'name', label: 'Name and type' },
  { id: 'scope', label: 'Scope', width: '11rem' },
  { id: 'summary', label: 'What it does' },
  { id: 'impact', label: 'Dropped (24 h)', width: '8rem', numeric: true },
  { id: 'warnings', label: 'Warnings', width: '9rem' },
  { id: 'enabled', label: 'Enabled', width: '6rem' },
  { id: 'actions', label: 'Actions', width: '3.25rem', hiddenLabel: true },
]

export const ROW_HEIGHT = 60
