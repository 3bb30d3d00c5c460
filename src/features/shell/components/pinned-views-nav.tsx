import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { Icon } from '@/components/ui/icon'
import { Skeleton } from '@/components/ui/skeleton'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { viewQueries } from '@/lib/queries/view-queries'

const itemClass =
  'flex h-8 items-center gap-2 truncate rounded-md px-2 text-sm text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring aria-[current=page]:bg-accent aria-[current=page]:text-primary'

/** Pinned saved views under the main navigation; a click opens (applies) the view. */
export function PinnedViewsNav() {
  const { environmentId } = useGlobalSearch()
  const pinned = useQuery(viewQueries.pinned(environmentId))

  return (
    <nav aria-labelledby="pinned-views-heading" className="mt-6">
      <h2 id="pinned-views-heading" className="flex items-center gap-1.5 px-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        <Icon name="pin" className="size-3.5" />
        Pinned views
      </h2>
      <div className="mt-1" aria-busy={pinned.isPending}>
        {pinned.isPending ? (
          <div className="px-2">
            {['w-4/5', 'w-3/5'].map((width) => (
              <div key={width} className="flex h-8 items-center">
                <Skeleton className={`h-4 ${width}`} />
              </div>
            ))}
          </div>
        ) : pinned.isError ? (
          <p className="px-2 py-1 text-xs text-muted-foreground">
            Could not load pinned views.{' '}
            <button type="button" onClick={() => void pinned.refetch()} className="text-primary underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring">
              Retry
            </button>
          </p>
        ) : pinned.data.results.length === 0 ? (
          <p className="px-2 py-1 text-xs text-muted-foreground">Pin a saved view to keep it here.</p>
        ) : (
          <ul>
            {pinned.data.results.map((view) => (
              <li key={view.id}>
                <Link to="/views/$shortId" params={{ shortId: view.short_id }} className={itemClass}>
                  <span className="truncate">{view.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </nav>
  )
}
