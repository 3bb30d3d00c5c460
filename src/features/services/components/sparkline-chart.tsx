import { memo } from 'react'
import { Area, AreaChart, Tooltip, YAxis } from 'recharts'
import { formatCount, formatInstant } from '@/lib/format'
import type { SparklineBucket, SparklineSeries } from '../api/shape-sparkline'
import { SPARKLINE_COLOR, SPARKLINE_MARGIN } from './sparkline-static'
import { spansDays } from './sparkline-summary'

/** Series colours come from theme tokens, so the chart follows light/dark. */
const chartConfig = { count: { label: 'Logs', color: SPARKLINE_COLOR } } as const

interface BucketTooltipProps {
  active?: boolean
  payload?: readonly { payload?: SparklineBucket }[]
  withDate: boolean
}

function BucketTooltip({ active, payload, withDate }: BucketTooltipProps) {
  const bucket = payload?.[0]?.payload
  if (!active || !bucket) return null
  return (
    <div className="rounded-md border border-border bg-surface-raised px-2 py-1 text-xs whitespace-nowrap shadow-lg">
      <span className="text-muted-foreground">{formatInstant(bucket.time, withDate)}</span>{' '}
      <span className="font-medium tabular-nums">
        {formatCount(bucket.count)} {chartConfig.count.label.toLowerCase()}
      </span>
    </div>
  )
}

interface SparklineChartProps {
  series: SparklineSeries
  /** Title and accessible name (see `sparklineSummary`). */
  summary: string
  width: number
  height: number
}

/**
 * The row's Recharts sparkline with its hover/keyboard tooltip. Fixed size and no animation: it
 * mounts in the table's rows, a few per frame (see `chart-mount-queue`).
 */
export const SparklineChart = memo(function SparklineChart({ series, summary, width, height }: SparklineChartProps) {
  const withDate = spansDays(series)
  return (
    <AreaChart width={width} height={height} data={series.buckets} margin={SPARKLINE_MARGIN} title={summary}>
      <YAxis hide domain={[0, 'dataMax']} />
      <Tooltip
        content={({ active, payload }) => <BucketTooltip active={active} payload={payload} withDate={withDate} />}
        cursor={{ stroke: 'var(--border)' }}
        isAnimationActive={false}
        allowEscapeViewBox={{ x: true, y: true }}
        position={{ y: -30 }}
        wrapperStyle={{ zIndex: 30 }}
      />
      <Area
        type="monotone"
        dataKey="count"
        name={chartConfig.count.label}
        stroke={chartConfig.count.color}
        fill={chartConfig.count.color}
        fillOpacity={0.18}
        strokeWidth={1.5}
        dot={false}
        activeDot={{ r: 2.5 }}
        isAnimationActive={false}
      />
    </AreaChart>
  )
})
