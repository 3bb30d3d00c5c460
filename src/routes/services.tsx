import { createFileRoute, stripSearchParams } from '@tanstack/react-router'
import { servicesQueries } from '@/features/services/api/services-queries'
import { ServicesPage } from '@/features/services/components/services-page'
import { servicesSearchDefaults, servicesSearchSchema } from '@/features/services/search-schema'

export const Route = createFileRoute('/services')({
  validateSearch: servicesSearchSchema,
  search: { middlewares: [stripSearchParams(servicesSearchDefaults)] },
  loaderDeps: ({ search }) => ({ environmentId: search.env, range: { from: search.from, to: search.to }, search: search.q }),
  // Starts the request while the page's code loads; the page renders its own loading/error states.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(servicesQueries.list(deps))
  },
  component: ServicesPage,
})
