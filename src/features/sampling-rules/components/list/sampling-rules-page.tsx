import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { ErrorState } from '@/components/error-state'
import { PageHeader } from '@/components/page-header'
import { buttonVariants } from '@/components/ui/button'
import { Glyph } from '@/components/ui/glyph'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { samplingRuleQueries } from '../../api/rule-queries'
import { RulesEmpty } from './rules-empty'
import { RulesSkeleton } from './rules-skeleton'
import { RulesTable } from './rules-table'

export function SamplingRulesPage() {
  const { environmentId } = useGlobalSearch()
  const rules = useQuery(samplingRuleQueries.list(environmentId))
  const enabled = rules.data?.filter((r) => r.enabled).length ?? 0

  let body
  if (rules.isPending) body = <RulesSkeleton />
  else if (rules.isError && !rules.data)
    body = <ErrorState title="Could not load the sampling rules" error={rules.error} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
  else if (rules.data.length === 0) body = <RulesEmpty />
  else body = <RulesTable rules={rules.data} environmentId={environmentId} />

  return (
    <div className="flex flex-col gap-4 p-6">
      <PageHeader
        title="Sampling rules"
        actions={
          <Link to="/sampling-rules/new" className={buttonVariants({ variant: 'primary' })}>
            <Glyph name="plus" />
            New rule
          </Link>
        }
      >
        {rules.data && rules.data.length > 0
          ? `${rules.data.length} ${rules.data.length === 1 ? 'rule' : 'rules'}, ${enabled} enabled · applied top to bottom, the first rule that decides a log wins. Drag to reorder.`
          : 'Drop or sample logs before they are stored.'}
      </PageHeader>
      <section aria-label="Rule list" className="rounded-lg border border-border bg-surface">
        {body}
      </section>
    </div>
  )
}
