import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '@/components/page-header'

export const Route = createFileRoute('/sampling-rules/')({
  component: SamplingRulesPage,
})

function SamplingRulesPage() {
  return (
    <div className="p-6">
      <PageHeader title="Sampling rules" />
    </div>
  )
}
