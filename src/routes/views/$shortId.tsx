import { createFileRoute, redirect, stripSearchParams } from '@tanstack/react-router'
import { ExplainPanel } from '@/features/explain/components/explain-panel'
import { LogsExplorer } from '@/features/logs/components/logs-explorer'
import { SavedViewPage } from '@/features/views/components/saved-view-page'
import { ViewHeaderActions } from '@/features/views/components/view-header-actions'
import { ViewStateBar } from '@/features/views/components/view-state-bar'
import { logSearchDefaults, logSearchSchema } from '@/lib/log-filters/log-search'
import { viewLinkSearch } from '@/lib/log-filters/view-link'
import { viewQueries } from '@/lib/queries/view-queries'

/** URL params that carry the explorer's filters; a link with none of them opens the view as saved. */
const filterKeys = ['services', 'severity', 'q', 'filters', 'order']

export const Route = createFileRoute('/views/$shortId')({
  validateSearch: logSearchSchema,
  search: { middlewares: [stripSearchParams(logSearchDefaults)] },
  loaderDeps: ({ search }) => ({ environmentId: search.env }),
  // Entering through a link without filters (the sidebar, the views list, a share link) applies the
  // view — its filters and its time range — so the URL always shows what the explorer shows. A link
  // that carries filters (a modified view someone shared) is taken as it is.
  loader: async ({ context, params, deps, location, cause }) => {
    const options = viewQueries.detail(deps.environmentId, params.shortId)
    if (cause !== 'enter') return void context.queryClient.prefetchQuery(options)
    const view = await context.queryClient.ensureQueryData(options).catch(() => null)
    const raw = location.search as Record<string, unknown>
    if (view && !filterKeys.some((key) => raw[key] !== undefined)) {
      throw redirect({ to: '/views/$shortId', params, search: { ...raw, ...viewLinkSearch(view.filters) }, replace: true })
    }
  },
  component: SavedViewRoute,
})

function SavedViewRoute() {
  const { shortId } = Route.useParams()
  const { env } = Route.useSearch()
  return (
    <SavedViewPage shortId={shortId}>
      {(view) => (
        <LogsExplorer
          title={view.name}
          headerActions={<ViewHeaderActions view={view} />}
          banner={<ViewStateBar view={view} />}
          renderExplain={(log, filterBy) => (
            <ExplainPanel environmentId={env} log={log} onFilter={(key, type, value) => filterBy(key, type, value, false)} />
          )}
        />
      )}
    </SavedViewPage>
  )
}
