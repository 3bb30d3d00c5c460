import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '@/components/page-header'

export const Route = createFileRoute('/views/$shortId')({
  component: SavedViewPage,
})

function SavedViewPage() {
  return (
    <div className="p-6">
      <PageHeader title="Saved view" />
    </div>
  )
}
