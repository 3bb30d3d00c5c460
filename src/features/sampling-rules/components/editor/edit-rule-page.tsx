import { useQuery } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { ErrorState } from '@/components/error-state'
import { PageHeader } from '@/components/page-header'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { isApiError } from '@/lib/api-client'
import { samplingRuleQueries } from '../../api/rule-queries'
import { ruleTypeLabels } from '../../form/labels'
import { EditorBreadcrumb } from './editor-breadcrumb'
import { EditorSkeleton } from './editor-skeleton'
import { RuleEditor } from './rule-editor'
import { RuleNotFound } from './rule-not-found'

const route = getRouteApi('/sampling-rules/$id')

export function EditRulePage() {
  const { id } = route.useParams()
  const { preview } = route.useSearch()
  const navigate = route.useNavigate()
  const { environmentId } = useGlobalSearch()
  const rule = useQuery(samplingRuleQueries.detail(environmentId, id))
  // The rules ahead of this one shape its estimate, so the editor waits for the order too.
  const list = useQuery(samplingRuleQueries.list(environmentId))

  let body
  let title = 'Sampling rule'
  let subtitle
  if (rule.isError && isApiError(rule.error) && rule.error.status === 404) body = <RuleNotFound />
  else if (rule.isError || list.isError) {
    const retry = () => void Promise.all([rule.isError && rule.refetch(), list.isError && list.refetch()])
    body = <ErrorState title="Could not load the rule" error={rule.error ?? list.error} onRetry={retry} retrying={rule.isFetching || list.isFetching} />
  } else if (rule.isPending || list.isPending) body = <EditorSkeleton />
  else {
    const index = list.data.findIndex((r) => r.id === id)
    title = rule.data.name
    subtitle = `${ruleTypeLabels[rule.data.rule_type]} · ${index >= 0 ? `position ${index + 1} of ${list.data.length}` : 'not in the order'} · version ${rule.data.version}`
    body = (
      <RuleEditor
        key={`${environmentId}:${id}`}
        environmentId={environmentId}
        rule={rule.data}
        position={index >= 0 ? index : undefined}
        window={preview}
        onWindowChange={(next) => void navigate({ search: (prev) => ({ ...prev, preview: next }), replace: true })}
      />
    )
  }

  return (
    <div className="space-y-6 px-6 pt-6">
      <div>
        <EditorBreadcrumb current={title} />
        <PageHeader title={title}>{subtitle}</PageHeader>
      </div>
      {body}
    </div>
  )
}
