import { Skeleton } from '@/components/ui/skeleton'
import { headClass, viewColumns } from './views-table'

/** The table's header with placeholder rows while the views load. */
export function ViewsSkeleton() {
  return (
    <div>
      <table aria-label="Saved views" aria-busy="true" className="w-full border-separate border-spacing-0 text-sm">
        <thead>
          <tr>
            {viewColumns.map((column) => (
              <th key={column} scope="col" className={headClass}>
                {column === 'Actions' ? <span className="sr-only">{column}</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: 5 }, (_, i) => (
            <tr key={i}>
              {viewColumns.map((column) => (
                <td key={column} className="border-b border-border px-3 py-3">
                  <Skeleton className="h-3.5 w-3/4" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" className="sr-only">
        Loading saved views…
      </p>
    </div>
  )
}
