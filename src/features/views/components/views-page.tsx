import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { PageHeader } from '@/components/page-header'
import type { View } from '@/contract/views'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { formatCount } from '@/lib/format'
import { useLastExplorerState } from '@/lib/log-filters/last-explorer-state'
import { viewQueries } from '@/lib/queries/view-queries'
import { useDeleteView } from '../api/use-view-mutations'
import { deletedViews } from '../deleted-view-store'
import { DeleteViewDialog } from './delete-view-dialog'
import { UndoDeleteToast } from './undo-delete-toast'
import { ViewsEmpty } from './views-empty'
import { ViewsSkeleton } from './views-skeleton'
import { ViewsTable } from './views-table'

/** Every saved view of the environment: open, rename, pin, update to the explorer's filters, delete (with Undo). */
export function ViewsPage() {
  const { environmentId } = useGlobalSearch()
  const views = useQuery(viewQueries.list(environmentId))
  const current = useLastExplorerState()
  const remove = useDeleteView(environmentId)
  const [confirming, setConfirming] = useState<View | null>(null)

  const confirmDelete = (view: View) => {
    setConfirming(null)
    remove.mutate(view, { onSuccess: () => deletedViews.offerUndo(view) })
  }

  let body
  if (views.isPending) body = <ViewsSkeleton />
  else if (views.isError)
    body = <ErrorState title="Could not load saved views" error={views.error} onRetry={() => void views.refetch()} retrying={views.isFetching} />
  else if (views.data.results.length === 0) body = <ViewsEmpty />
  else body = <ViewsTable views={views.data.results} environmentId={environmentId} current={current} onDelete={setConfirming} />

  const count = views.data?.count
  return (
    <div className="flex flex-col gap-4 p-6">
      <PageHeader title="Saved views">
        {count === undefined ? 'Filters worth keeping, shared by link.' : `${formatCount(count)} ${count === 1 ? 'view' : 'views'}`}
      </PageHeader>
      <section aria-label="View list" className="overflow-x-auto rounded-lg border border-border bg-surface" aria-busy={views.isFetching}>
        {body}
      </section>
      {confirming && <DeleteViewDialog view={confirming} onCancel={() => setConfirming(null)} onConfirm={() => confirmDelete(confirming)} />}
      <UndoDeleteToast environmentId={environmentId} />
    </div>
  )
}
