import { lazy, memo, Suspense } from 'react'
import { Icon } from '@/components/ui/icon'
import { Skeleton } from '@/components/ui/skeleton'
import type { SimulateResponse } from '@/contract/rules'
import { formatCount } from '@/lib/format'
import { isPlaceholderEstimate } from '../../estimate'
import { formatBytes, formatReduction } from '../../form/format-bytes'
import { ServiceBreakdown } from './service-breakdown'

// Recharts loads after the numbers are on screen.
const PreviewChart = lazy(() => import('./preview-chart').then((m) => ({ default: m.PreviewChart })))

const DAY_MS = 86_400_000
export const CHART_WIDTH = 352
const CHART_HEIGHT = 150

function perDay(count: number, window: SimulateResponse['window']): number | null {
  if (!window) return null
  const ms = Date.parse(window.date_to) - Date.parse(window.date_from)
  return ms > 0 ? (count * DAY_MS) / ms : null
}

function Notes({ notes }: { notes: string }) {
  return (
    <details className="text-xs text-muted-foreground">
      <summary className="cursor-pointer font-medium text-foreground">How this is estimated</summary>
      <p className="mt-1">{notes}</p>
    </details>
  )
}

/**
 * The estimate: the share dropped in large type, what that means per day, by service and over time.
 * Memoised: the form re-renders on every keystroke, the estimate only when a new answer arrives.
 */
export const PreviewResult = memo(function PreviewResult({ data }: { data: SimulateResponse }) {
  if (isPlaceholderEstimate(data)) {
    return (
      <div className="space-y-2 py-4 text-center text-sm">
        <Icon name="inbox" className="mx-auto size-6 text-muted-foreground" />
        <p className="font-medium">Simulation not available on this backend</p>
        <p className="text-muted-foreground">The connected PostHog host does not compute simulations yet; its answer carries no estimate.</p>
        <Notes notes={data.notes} />
      </div>
    )
  }
  if (data.total_logs === 0) {
    return (
      <div className="space-y-2 py-4 text-center text-sm">
        <Icon name="inbox" className="mx-auto size-6 text-muted-foreground" />
        <p className="font-medium">No logs stored in this window</p>
        <p className="text-muted-foreground">There is nothing to estimate from; pick a wider window.</p>
      </div>
    )
  }
  if (data.matched_logs === 0) {
    return (
      <div className="space-y-3">
        <div className="rounded-md bg-warning-soft px-3 py-2 text-sm">
          <p className="font-medium">Matches nothing</p>
          <p className="mt-0.5 text-muted-foreground">
            None of the {data.total_logs === undefined ? '' : `${formatCount(data.total_logs)} `}logs stored in this window reaches this rule, so it
            would drop nothing. Check the scope, or the rules ahead of it.
          </p>
        </div>
        <Notes notes={data.notes} />
      </div>
    )
  }

  const logsPerDay = data.dropped_logs === undefined ? null : perDay(data.dropped_logs, data.window)
  const bytesPerDay = data.dropped_bytes === undefined ? null : perDay(data.dropped_bytes, data.window)
  return (
    <div className="space-y-4">
      <div>
        <p className="text-4xl font-semibold tracking-tight tabular-nums" aria-describedby="preview-pct-label">
          {formatReduction(data.estimated_reduction_pct)}
        </p>
        <p id="preview-pct-label" className="text-sm text-muted-foreground">
          of stored log volume dropped
        </p>
      </div>
      {logsPerDay !== null && (
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <div>
            <dt className="text-xs text-muted-foreground">Dropped per day</dt>
            <dd className="font-medium tabular-nums">≈ {formatCount(logsPerDay)} logs</dd>
          </div>
          {bytesPerDay !== null && (
            <div>
              <dt className="text-xs text-muted-foreground">Bytes per day</dt>
              <dd className="font-medium tabular-nums">≈ {formatBytes(bytesPerDay)}</dd>
            </div>
          )}
          {data.total_logs !== undefined && (
            <div className="col-span-2">
              <dt className="text-xs text-muted-foreground">In the window</dt>
              <dd className="tabular-nums">
                {formatCount(data.dropped_logs ?? 0)} of {formatCount(data.total_logs)} logs dropped
                {data.matched_logs !== undefined && ` · ${formatCount(data.matched_logs)} reach this rule`}
              </dd>
            </div>
          )}
        </dl>
      )}
      {data.by_service && <ServiceBreakdown services={data.by_service} />}
      {data.series && data.series.length > 1 && (
        <Suspense fallback={<Skeleton className="w-full" style={{ height: CHART_HEIGHT }} />}>
          <PreviewChart series={data.series} width={CHART_WIDTH} height={CHART_HEIGHT} />
        </Suspense>
      )}
      <Notes notes={data.notes} />
    </div>
  )
})
