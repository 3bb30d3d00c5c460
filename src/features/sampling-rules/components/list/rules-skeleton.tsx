import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { ROW_HEIGHT, ruleColumns } from './rule-columns'
import { RulesTableHead } from './rules-table-head'

const ROWS = 6
const bar: Partial<Record<string, string>> = {
  handle: 'size-5',
  position: 'ml-auto w-4',
  name: 'w-2/3',
  enabled: 'h-5 w-9 rounded-full',
  actions: 'size-6 ml-auto',
}

/** The table's own header and rows of the real height while the rules load. */
export function RulesSkeleton() {
  return (
    <div className="overflow-x-auto">
      <table aria-label="Sampling rules" aria-busy="true" className="w-full min-w-[60rem] table-fixed border-separate border-spacing-0 text-sm">
        <RulesTableHead />
        <tbody>
          {Array.from({ length: ROWS }, (_, i) => (
            <tr key={i} style={{ height: ROW_HEIGHT }}>
              {ruleColumns.map((column) => (
                <td key={column.id} className="border-b border-border px-3">
                  <Skeleton className={cn('h-3.5', bar[column.id] ?? 'w-3/4')} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sr-only" role="status">
        Loading sampling rules…
      </p>
    </div>
  )
}
