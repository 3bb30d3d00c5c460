import type { View } from '@/contract/views'
import type { ExplorerState } from '@/lib/log-filters/last-explorer-state'
import { ViewRow } from './view-row'

export const viewColumns = ['Name', 'Filters', 'Sidebar', 'Created by', 'Created', 'Actions'] as const
export const headClass = 'sticky top-0 z-10 whitespace-nowrap border-b border-border bg-surface px-3 py-2 text-left text-xs font-medium text-muted-foreground'

interface ViewsTableProps {
  views: readonly View[]
  environmentId: number
  current: ExplorerState | null
  onDelete: (view: View) => void
}

export function ViewsTable({ views, environmentId, current, onDelete }: ViewsTableProps) {
  return (
    <table aria-label="Saved views" className="w-full border-separate border-spacing-0 text-sm">
      <thead>
        <tr>
          {viewColumns.map((column) => (
            <th key={column} scope="col" className={column === 'Actions' ? `${headClass} text-right` : headClass}>
              {column === 'Actions' ? <span className="sr-only">{column}</span> : column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {views.map((view) => (
          <ViewRow key={view.id} view={view} environmentId={environmentId} current={current} onDelete={onDelete} />
        ))}
      </tbody>
    </table>
  )
}
