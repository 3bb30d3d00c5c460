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
  { id: 'log_count', label: 'Log volume', width: '8rem', numeric: true, sortable: true },
  { id: 'volume_share_pct', label: 'Share of volume', width: '8.5rem', numeric: true, sortable: true },
  { id: 'error_count', label: 'Errors', width: '6.5rem', numeric: true, sortable: true },
  { id: 'error_rate', label: 'Error rate', width: '7rem', numeric: true, sortable: true },
  { id: 'severity', label: 'Severity mix', width: '8.5rem' },
  { id: 'sparkline', label: 'Volume over time', width: '10rem' },
  { id: 'rules', label: 'Active rules', width: '13rem' },
  { id: 'actions', label: 'Actions', width: '3.5rem', hiddenLabel: true },
]

export const columnLabel = (id: ServiceColumn['id']) => serviceColumns.find((c) => c.id === id)?.label ?? id
