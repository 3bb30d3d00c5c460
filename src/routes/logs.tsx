import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod'
import { PageHeader } from '@/components/page-header'

export const Route = createFileRoute('/logs')({
  // `services` preselects a service (links from the Services page: `/logs?services=checkout`).
  validateSearch: z.object({ services: z.string().max(512).optional().catch(undefined) }),
  component: LogsPage,
})

function LogsPage() {
  return (
    <div className="p-6">
      <PageHeader title="Logs" />
    </div>
  )
}
