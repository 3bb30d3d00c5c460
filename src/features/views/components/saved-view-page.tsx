import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { ErrorState } from '@/components/error-state'
import { PageHeader } from '@/components/page-header'
import { buttonVariants } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import type { View } from '@/contract/views'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { isApiError } from '@/lib/api-client'
import { viewQueries } from '@/lib/queries/view-queries'

interface SavedViewPageProps {
  shortId: string
  /** The explorer, showing the view. */
  children: (view: View) => ReactNode
}

/** Loads the view behind a share link; the explorer shows it once it is here. */
export function SavedViewPage({ shortId, children }: SavedViewPageProps) {
  const { environmentId } = useGlobalSearch()
  const view = useQuery(viewQueries.detail(environmentId, shortId))

  if (view.isSuccess) return children(view.data)
  return (
    <div className="flex flex-col gap-4 p-6">
      <PageHeader title="Saved view" />
      {view.isPending ? (
        <div aria-busy="true" className="space-y-3">
          <Skeleton className="h-9 w-full max-w-2xl" />
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-64 w-full" />
          <p role="status" className="sr-only">
            Loading the view…
          </p>
        </div>
      ) : isApiError(view.error) && view.error.status === 404 ? (
        <div role="alert" className="rounded-lg border border-border bg-surface px-6 py-10 text-center">
          <h2 className="font-medium">This view does not exist</h2>
          <p className="mt-1 text-sm text-muted-foreground">
            It may have been deleted, or the link belongs to another environment.
          </p>
          <Link to="/views" className={buttonVariants({ className: 'mt-4' })}>
            See all saved views
          </Link>
        </div>
      ) : (
        <ErrorState title="Could not load this view" error={view.error} onRetry={() => void view.refetch()} retrying={view.isFetching} />
      )}
    </div>
  )
}
