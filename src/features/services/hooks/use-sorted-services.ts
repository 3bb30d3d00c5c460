import { useMemo } from 'react'
import type { ServiceRow } from '@/contract/logs'
import type { ServiceSortKey, SortDirection } from '../search-schema'

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Sorts by the column, ties broken by name (always A→Z) so the order is stable between refreshes. */
export function sortServices(rows: readonly ServiceRow[], sort: ServiceSortKey, dir: SortDirection): ServiceRow[] {
  const sign = dir === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    const primary = sort === 'service_name' ? collator.compare(a.service_name, b.service_name) : a[sort] - b[sort]
    return primary !== 0 ? primary * sign : collator.compare(a.service_name, b.service_name)
  })
}

export function useSortedServices(rows: readonly ServiceRow[] | undefined, sort: ServiceSortKey, dir: SortDirection): ServiceRow[] {
  return useMemo(() => (rows ? sortServices(rows, sort, dir) : []), [rows, sort, dir])
}
