import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '@/components/page-header'

export const Route = createFileRoute('/views/')({
  component: SavedViewsPage,
})

function SavedViewsPage() {
  return (
    <div className="p-6">
      <PageHeader title="Saved views" />
    </div>
  )
}
