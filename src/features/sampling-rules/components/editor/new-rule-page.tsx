import { getRouteApi } from '@tanstack/react-router'
import { PageHeader } from '@/components/page-header'
import { useGlobalSearch } from '@/hooks/use-global-search'
import { EditorBreadcrumb } from './editor-breadcrumb'
import { RuleEditor } from './rule-editor'

const route = getRouteApi('/sampling-rules/new')

export function NewRulePage() {
  const { environmentId } = useGlobalSearch()
  const { preview } = route.useSearch()
  const navigate = route.useNavigate()
  return (
    <div className="space-y-6 px-6 pt-6">
      <div>
        <EditorBreadcrumb current="New rule" />
        <PageHeader title="New sampling rule">It is added at the end of the order. The preview shows what it would drop before you save.</PageHeader>
      </div>
      <RuleEditor
        key={environmentId}
        environmentId={environmentId}
        window={preview}
        onWindowChange={(next) => void navigate({ search: (prev) => ({ ...prev, preview: next }), replace: true })}
      />
    </div>
  )
}
