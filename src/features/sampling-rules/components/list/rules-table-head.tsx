import { cn } from '@/lib/cn'
import { ruleColumns } from './rule-columns'

export function RulesTableHead() {
  return (
    <>
      <colgroup>
        {ruleColumns.map((column) => (
          <col key={column.id} style={column.width ? { width: column.width } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {ruleColumns.map((column) => (
            <th
              key={column.id}
              scope="col"
              className={cn(
                'sticky top-0 z-10 h-10 border-b border-border bg-surface px-3 text-left font-medium whitespace-nowrap text-muted-foreground',
                column.numeric && 'text-right',
              )}
            >
              <span className={cn(column.hiddenLabel && 'sr-only')}>{column.label}</span>
            </th>
          ))}
        </tr>
      </thead>
    </>
  )
}
