import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { Skeleton } from '@/components/ui/skeleton'
import type { TimeRange } from '@/lib/time-range'
import { servicesQueries } from '../api/services-queries'

// Recharts loads in its own chunk, after the table is already on screen.
const SparklineChart = lazy(() => import('./sparkline-chart').then((m) => ({ default: m.SparklineChart })))

const WIDTH = 124
const HEIGHT = 28

interface SparklineCellProps {
  environmentId: number
  range: TimeRange
  service: string
}

/** Rendered only for on-screen rows; mounting is what asks for the row's sparkline. */
export function SparklineCell({ environmentId, range, service }: SparklineCellProps) {
  const sparkline = useQuery(servicesQueries.sparkline({ environmentId, range, service }))
  const placeholder = <Skeleton className="h-7" style={{ width: WIDTH }} />

  if (sparkline.isPending) {
    return (
      <>
        {placeholder}
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
  return (
    <Suspense fallback={placeholder}>
      <SparklineChart series={sparkline.data} service={service} width={WIDTH} height={HEIGHT} />
    </Suspense>
  )
}
