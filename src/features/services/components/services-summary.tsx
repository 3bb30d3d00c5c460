import { Skeleton } from '@/components/ui/skeleton'
import type { ServicesResponse } from '@/contract/logs'
import { formatCount, formatPercent } from '@/lib/format'

interface ServicesSummaryProps {
  windowLabel: string
  data: ServicesResponse | undefined
  search: string
}

/** "Last 1 hour · 128 services · Top 5 services: 72 % of volume". */
export function ServicesSummary({ windowLabel, data, search }: ServicesSummaryProps) {
  if (!data) {
    return (
      <span className="flex h-5 items-center gap-2">
        {windowLabel}
        <Skeleton className="h-3.5 w-64" />
      </span>
    )
  }
  const shown = data.services.length
  // `total_services` is ours; a PostHog backend leaves it out, then the rows are the count.
  const total = data.total_services ?? shown
  const count =
    total > shown
      ? `Showing ${formatCount(shown)} of ${formatCount(total)} services`
      : `${formatCount(total)} ${total === 1 ? 'service' : 'services'}${search ? ` matching “${search}”` : ''}`
  const { top_services_count: top, top_services_volume_share_pct: share } = data.summary

  return (
    <span className="flex h-5 flex-wrap items-center gap-x-2">
      <span>{windowLabel}</span>
      <span aria-hidden="true">·</span>
      <span>{count}</span>
      {shown > 0 && top > 0 && (
        <>
          <span aria-hidden="true">·</span>
          <span>
            Top {top} {top === 1 ? 'service' : 'services'}: {formatPercent(share)} of volume
          </span>
        </>
      )}
    </span>
  )
}
