import { createFileRoute, stripSearchParams } from '@tanstack/react-router'
import { NewRulePage } from '@/features/sampling-rules/components/editor/new-rule-page'
import { ruleEditorSearchDefaults, ruleEditorSearchSchema } from '@/features/sampling-rules/search-schema'

export const Route = createFileRoute('/sampling-rules/new')({
  validateSearch: ruleEditorSearchSchema,
  search: { middlewares: [stripSearchParams(ruleEditorSearchDefaults)] },
  component: NewRulePage,
})
