import type { ServiceSortKey } from './search-schema'

/** Rows have one fixed height so the virtualiser never has to measure them. */
export const ROW_HEIGHT = 44

export interface ServiceColumn {
  id: ServiceSortKey | 'severity' | 'sparkline' | 'rules' | 'actions'
  label: string
  width?: string
  numeric?: boolean
  sortable?: boolean
  /** Screen-reader-only header (the actions column). */
  hiddenLabel?: boolean
}

export const serviceColumns: readonly ServiceColumn[] = [
  { id: 'service_name', label: 'Service', sortable: true },
  { id: 'log_count', label: 'Log volume', width: '7.5rem', numeric: true, sortable: true },
  { id: 'volume_share_pct', label: 'Share of volume', width: '9.5rem', numeric: true, sortable: true },
  { id: 'error_count', label: 'Errors', width: '6rem', numeric: true, sortable: true },
  { id: 'error_rate', label: 'Error rate', width: '7rem', numeric: true, sortable: true },
  { id: 'severity', label: 'Severity mix', width: '8rem' },
  { id: 'sparkline', label: 'Volume over time', width: '9.5rem' },
  { id: 'rules', label: 'Active rules', width: '11rem' },
  { id: 'actions', label: 'Actions', width: '3rem', hiddenLabel: true },
]

export const columnLabel = (id: ServiceColumn['id']) => serviceColumns.find((c) => c.id === id)?.label ?? id
