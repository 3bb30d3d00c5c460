import { cn } from '@/lib/cn'
import { serviceColumns } from '../columns'
import type { ServiceSortKey, SortDirection } from '../search-schema'
import { SortHeader } from './sort-header'

interface ServicesTableHeadProps {
  sort: ServiceSortKey
  dir: SortDirection
  onSort: (column: ServiceSortKey) => void
}

/** Column widths and headers, shared by the data table and its loading skeleton. */
export function ServicesTableHead({ sort, dir, onSort }: ServicesTableHeadProps) {
  return (
    <>
      <colgroup>
        {serviceColumns.map((column) => (
          <col key={column.id} style={column.width ? { width: column.width } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          {serviceColumns.map((column) =>
            column.sortable ? (
              <SortHeader
                key={column.id}
                column={column.id as ServiceSortKey}
                label={column.label}
                numeric={column.numeric}
                sort={sort}
                dir={dir}
                onSort={onSort}
              />
            ) : (
              <th
                key={column.id}
                scope="col"
                className="sticky top-0 z-10 h-10 border-b border-border bg-surface px-3 text-left font-medium whitespace-nowrap text-muted-foreground"
              >
                <span className={cn(column.hiddenLabel && 'sr-only')}>{column.label}</span>
              </th>
            ),
          )}
        </tr>
      </thead>
    </>
  )
}
