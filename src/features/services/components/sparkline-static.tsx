import { memo } from 'react'
import type { SparklineSeries } from '../api/shape-sparkline'

/** Margins the Recharts sparkline uses too, so both draw the same points in the same box. */
export const SPARKLINE_MARGIN = { top: 2, right: 0, bottom: 2, left: 0 } as const
export const SPARKLINE_COLOR = 'var(--chart-volume)'

/**
 * The series' points in pixels, as the Recharts sparkline places them: buckets evenly from the left
 * edge to the right one, counts from 0 (bottom) to the peak (top).
 */
export function sparklinePoints(series: SparklineSeries, width: number, height: number): [number, number][] {
  const { buckets } = series
  const { top, right, bottom, left } = SPARKLINE_MARGIN
  const innerWidth = width - left - right
  const innerHeight = height - top - bottom
  const max = buckets.reduce((m, b) => Math.max(m, b.count), 0)
  const last = buckets.length - 1
  return buckets.map((b, i) => [
    left + (last > 0 ? (i * innerWidth) / last : innerWidth / 2),
    top + (max > 0 ? (1 - b.count / max) * innerHeight : innerHeight),
  ])
}

const round = (n: number) => Math.round(n * 100) / 100

interface SparklineStaticProps {
  series: SparklineSeries
  width: number
  height: number
  summary: string
  onPointerEnter?: () => void
}

/**
 * A plain SVG of the sparkline: what a row shows until its Recharts chart mounts (and while the
 * table scrolls), the same size and points so nothing moves when the chart replaces it.
 */
export const SparklineStatic = memo(function SparklineStatic({ series, width, height, summary, onPointerEnter }: SparklineStaticProps) {
  const points = sparklinePoints(series, width, height)
  const line = points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ')
  const baseline = height - SPARKLINE_MARGIN.bottom
  const area = points.length > 0 ? `${round(points[0]![0])},${baseline} ${line} ${round(points[points.length - 1]![0])},${baseline}` : ''
  return (
    <svg role="img" aria-label={summary} width={width} height={height} className="block" data-sparkline="static" onPointerEnter={onPointerEnter}>
      <title>{summary}</title>
      <polygon points={area} fill={SPARKLINE_COLOR} fillOpacity={0.18} stroke="none" />
      <polyline points={line} fill="none" stroke={SPARKLINE_COLOR} strokeWidth={1.5} />
    </svg>
  )
})
