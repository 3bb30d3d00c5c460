import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '@/components/page-header'

export const Route = createFileRoute('/sampling-rules/$id')({
  component: SamplingRulePage,
})

function SamplingRulePage() {
  return (
    <div className="p-6">
      <PageHeader title="Sampling rule" />
    </div>
  )
}
