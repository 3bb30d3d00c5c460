import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { levels } from '@/contract/severity'
import { isApiError } from '@/lib/api-client'
import { formatCount } from '@/lib/format'
import type { TimeZoneMode } from '@/lib/log-filters/log-search'
import { logQueries, type LogListParams } from '../api/log-queries'
import { useElementWidth } from '../hooks/use-element-width'
import { volumeChartConfig } from '../volume-config'

// Recharts loads in its own chunk, after the list is on screen.
const VolumeChart = lazy(() => import('./volume-chart').then((m) => ({ default: m.VolumeChart })))

const HEIGHT = 112

interface VolumePanelProps {
  params: LogListParams
  tz: TimeZoneMode
  onZoom: (fromMs: number, toMs: number) => void
}

/** Log volume by severity over the window, with the total; drag across it to zoom the time range. */
export function VolumePanel({ params, tz, onZoom }: VolumePanelProps) {
  const volume = useQuery({
    ...logQueries.volume(params),
    // Keep the old bars while new filters load, but never another environment's.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === params.environmentId ? previous : undefined),
  })
  const boxRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(boxRef)
  const placeholder = <Skeleton className="w-full" style={{ height: HEIGHT }} />

  let chart
  if (volume.isPending) chart = placeholder
  else if (volume.isError && !volume.data) {
    const detail = isApiError(volume.error) ? volume.error.detail : volume.error.message
    chart = (
      <div role="alert" className="flex flex-col items-center justify-center gap-2 text-sm" style={{ height: HEIGHT }}>
        <p>
          Could not load the volume chart. <span className="text-muted-foreground">{detail}</span>
        </p>
        <Button size="sm" onClick={() => void volume.refetch()}>
          Retry
        </Button>
      </div>
    )
  } else
    chart =
      width > 0 ? (
        <Suspense fallback={placeholder}>
          <VolumeChart series={volume.data} width={width} height={HEIGHT} tz={tz} onZoom={onZoom} />
        </Suspense>
      ) : (
        placeholder
      )

  return (
    <section aria-label="Log volume" className="rounded-lg border border-border bg-surface px-3 pt-2 pb-1">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
        <p role="status" className="font-medium text-foreground">
          {volume.data ? `${formatCount(volume.data.total)} ${volume.data.total === 1 ? 'log' : 'logs'} in this window` : 'Counting logs…'}
        </p>
        <ul className="flex gap-3" aria-label="Legend">
          {levels.map((level) => (
            <li key={level} className="flex items-center gap-1">
              <span aria-hidden="true" className="size-2 rounded-sm" style={{ background: volumeChartConfig[level].color }} />
              {volumeChartConfig[level].label}
            </li>
          ))}
        </ul>
        <p className="ml-auto">Drag across the chart to zoom in</p>
      </div>
      <div ref={boxRef} aria-busy={volume.isFetching} className="mt-1">
        {chart}
      </div>
    </section>
  )
}
