import { Icon } from '@/components/ui/icon'
import { cn } from '@/lib/cn'
import type { ServiceSortKey, SortDirection } from '../search-schema'

interface SortHeaderProps {
  column: ServiceSortKey
  label: string
  numeric?: boolean
  sort: ServiceSortKey
  dir: SortDirection
  onSort: (column: ServiceSortKey) => void
}

/** A column header whose button sorts; `aria-sort` tells assistive tech the current order. */
export function SortHeader({ column, label, numeric, sort, dir, onSort }: SortHeaderProps) {
  const active = sort === column
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
      className={cn('sticky top-0 z-10 h-10 border-b border-border bg-surface px-3 font-medium', numeric ? 'text-right' : 'text-left')}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={cn(
          'inline-flex items-center gap-1 whitespace-nowrap rounded px-1 py-0.5 -mx-1 hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
          active ? 'text-foreground' : 'text-muted-foreground',
          numeric && 'flex-row-reverse',
        )}
      >
        {label}
        <Icon
          name={active ? (dir === 'asc' ? 'arrow-up' : 'arrow-down') : 'arrow-up-down'}
          className={cn('size-3.5', !active && 'opacity-40')}
        />
      </button>
    </th>
  )
}
