import { useQuery } from '@tanstack/react-query'
import { memo, useCallback, useEffect, useMemo, useState } from 'react'
import { Skeleton } from '@/components/ui/skeleton'
import type { TimeRange } from '@/lib/time-range'
import { servicesQueries } from '../api/services-queries'
import { isScrolling, requestChartMount } from './chart-mount-queue'
import { SparklineStatic } from './sparkline-static'
import { sparklineSummary } from './sparkline-summary'

type ChartModule = typeof import('./sparkline-chart')

// Recharts loads in its own chunk, after the table is already on screen.
let chartModule: ChartModule | undefined
let chartLoading: Promise<ChartModule | undefined> | undefined
function loadChart(): Promise<ChartModule | undefined> {
  chartLoading ??= import('./sparkline-chart').then(
    (m) => (chartModule = m),
    () => {
      // The static sparkline stays; a later cell may try again.
      chartLoading = undefined
      return undefined
    },
  )
  return chartLoading
}

const WIDTH = 124
const HEIGHT = 28

interface SparklineCellProps {
  environmentId: number
  range: TimeRange
  service: string
}

/**
 * Rendered only for on-screen rows; mounting is what asks for the row's sparkline. The answer shows
 * at once as a static SVG; the Recharts chart (with its tooltip) replaces it when the chart queue
 * gives this cell its turn — after scrolling settles, a few charts per frame — or at once when the
 * pointer comes over it.
 */
export const SparklineCell = memo(function SparklineCell({ environmentId, range, service }: SparklineCellProps) {
  const sparkline = useQuery(servicesQueries.sparkline({ environmentId, range, service }))
  // The chart belongs to this query: a new environment or range queues its chart again rather than
  // mounting every row's chart at once when the new answers arrive.
  const owner = `${environmentId} ${range.from} ${range.to ?? ''}`
  const [mounted, setMounted] = useState<{ owner: string; chart: ChartModule } | null>(null)
  const chart = mounted?.owner === owner ? mounted.chart : undefined
  const loaded = sparkline.isSuccess

  useEffect(() => {
    if (!loaded || chart) return
    let cancel: (() => void) | undefined
    let live = true
    void loadChart().then((m) => {
      if (live && m) cancel = requestChartMount(() => setMounted({ owner, chart: m }))
    })
    return () => {
      live = false
      cancel?.()
    }
  }, [loaded, chart, owner])

  // The pointer on a sparkline wants its tooltip now, whatever the queue says (unless the row is
  // only passing under it while the table scrolls).
  const mountNow = useCallback(() => {
    if (chartModule && !isScrolling()) setMounted({ owner, chart: chartModule })
  }, [owner])

  const series = sparkline.data
  const summary = useMemo(() => (series ? sparklineSummary(series, service) : ''), [series, service])

  if (sparkline.isPending) {
    return (
      <>
        <Skeleton className="h-7" style={{ width: WIDTH }} />
        <span className="sr-only">Loading volume over time</span>
      </>
    )
  }
  if (sparkline.isError) {
    return (
      <span className="text-xs text-muted-foreground" title={sparkline.error.message}>
        Unavailable
      </span>
    )
  }
  if (chart) return <chart.SparklineChart series={sparkline.data} summary={summary} width={WIDTH} height={HEIGHT} />
  return <SparklineStatic series={sparkline.data} width={WIDTH} height={HEIGHT} summary={summary} onPointerEnter={mountNow} />
})
