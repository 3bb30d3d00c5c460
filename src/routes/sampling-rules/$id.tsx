import { createFileRoute, stripSearchParams } from '@tanstack/react-router'
import { samplingRuleQueries } from '@/features/sampling-rules/api/rule-queries'
import { EditRulePage } from '@/features/sampling-rules/components/editor/edit-rule-page'
import { ruleEditorSearchDefaults, ruleEditorSearchSchema } from '@/features/sampling-rules/search-schema'

export const Route = createFileRoute('/sampling-rules/$id')({
  validateSearch: ruleEditorSearchSchema,
  search: { middlewares: [stripSearchParams(ruleEditorSearchDefaults)] },
  loaderDeps: ({ search }) => ({ environmentId: search.env }),
  // Starts both requests while the page's code loads; the page renders its own loading/error states.
  loader: ({ context, deps, params }) => {
    void context.queryClient.prefetchQuery(samplingRuleQueries.detail(deps.environmentId, params.id))
    void context.queryClient.prefetchQuery(samplingRuleQueries.list(deps.environmentId))
  },
  component: EditRulePage,
})
