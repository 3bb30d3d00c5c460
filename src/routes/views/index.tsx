import { createFileRoute } from '@tanstack/react-router'
import { ViewsPage } from '@/features/views/components/views-page'
import { viewQueries } from '@/lib/queries/view-queries'

export const Route = createFileRoute('/views/')({
  loaderDeps: ({ search }) => ({ environmentId: search.env }),
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(viewQueries.list(deps.environmentId))
  },
  component: ViewsPage,
})
