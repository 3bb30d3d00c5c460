import { createFileRoute } from '@tanstack/react-router'
import { samplingRuleQueries } from '@/features/sampling-rules/api/rule-queries'
import { SamplingRulesPage } from '@/features/sampling-rules/components/list/sampling-rules-page'

export const Route = createFileRoute('/sampling-rules/')({
  loaderDeps: ({ search }) => ({ environmentId: search.env }),
  // Starts the request while the page's code loads; the page renders its own loading/error states.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(samplingRuleQueries.list(deps.environmentId))
  },
  component: SamplingRulesPage,
})
