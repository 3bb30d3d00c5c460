import { createFileRoute, stripSearchParams } from '@tanstack/react-router'
import { ExplainPanel } from '@/features/explain/components/explain-panel'
import { logQueries } from '@/features/logs/api/log-queries'
import { LogsExplorer } from '@/features/logs/components/logs-explorer'
import { SaveViewButton } from '@/features/views/components/save-view-button'
import { logSearchDefaults, logSearchSchema, pickExplorerFilters } from '@/lib/log-filters/log-search'

export const Route = createFileRoute('/logs')({
  validateSearch: logSearchSchema,
  search: { middlewares: [stripSearchParams(logSearchDefaults)] },
  loaderDeps: ({ search }) => ({ environmentId: search.env, range: { from: search.from, to: search.to }, filters: pickExplorerFilters(search) }),
  // Starts the first page while the page's code loads; the page renders its own loading/error states.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(logQueries.list(deps))
  },
  component: LogsPage,
})

function LogsPage() {
  const { env } = Route.useSearch()
  return (
    <LogsExplorer
      title="Logs"
      headerActions={<SaveViewButton />}
      renderExplain={(log, filterBy) => (
        <ExplainPanel environmentId={env} log={log} onFilter={(key, type, value) => filterBy(key, type, value, false)} />
      )}
    />
  )
}
