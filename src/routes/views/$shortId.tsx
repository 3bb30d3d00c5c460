import { createFileRoute, redirect, stripSearchParams } from '@tanstack/react-router'
import { ExplainPanel } from '@/features/explain/components/explain-panel'
import { LogsExplorer } from '@/features/logs/components/logs-explorer'
import { SavedViewPage } from '@/features/views/components/saved-view-page'
import { ViewHeaderActions } from '@/features/views/components/view-header-actions'
import { ViewStateBar } from '@/features/views/components/view-state-bar'
import { logSearchDefaults, serviceList, viewPageSearchSchema, type ViewPageSearch } from '@/lib/log-filters/log-search'
import { viewLinkSearch } from '@/lib/log-filters/view-link'
import { viewQueries } from '@/lib/queries/view-queries'

const { order: _order, ...viewPageDefaults } = logSearchDefaults

/** Nothing of the explorer's state in the URL (see `viewPageSearchSchema` for `order`). */
function isLinkToView(search: ViewPageSearch): boolean {
  const { order, q, severity, filters, services } = search
  return order === undefined && q === '' && severity.length === 0 && filters.length === 0 && serviceList(services).length === 0
}

export const Route = createFileRoute('/views/$shortId')({
  validateSearch: viewPageSearchSchema,
  search: { middlewares: [stripSearchParams(viewPageDefaults)] },
  loaderDeps: ({ search }) => ({ environmentId: search.env, linkToView: isLinkToView(search) }),
  // A link to the view (the sidebar, the views list, a share link) applies it — filters and time
  // range — so the URL always shows what the explorer shows; a link that carries filters (a
  // modified view someone shared) is taken as it is.
  loader: async ({ context, params, deps, location, cause }) => {
    const options = viewQueries.detail(deps.environmentId, params.shortId)
    if (cause === 'preload' || !deps.linkToView) return void context.queryClient.prefetchQuery(options)
    const view = await context.queryClient.ensureQueryData(options).catch(() => null)
    if (view) throw redirect({ to: '/views/$shortId', params, search: { ...location.search, ...viewLinkSearch(view.filters) }, replace: true })
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
