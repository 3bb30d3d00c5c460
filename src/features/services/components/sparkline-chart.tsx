import { Area, AreaChart, Tooltip, YAxis } from 'recharts'
import { formatCount, formatInstant } from '@/lib/format'
import type { SparklineBucket, SparklineSeries } from '../api/shape-sparkline'

/** Series colours come from theme tokens, so the chart follows light/dark. */
const chartConfig = { count: { label: 'Logs', color: 'var(--chart-volume)' } } as const
const DAY_MS = 86_400_000

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
  service: string
  width: number
  height: number
}

export function SparklineChart({ series, service, width, height }: SparklineChartProps) {
  const { buckets } = series
  const withDate = buckets.length > 0 && buckets[buckets.length - 1]!.time - buckets[0]!.time >= DAY_MS
  const total = buckets.reduce((sum, b) => sum + b.count, 0)
  const peak = buckets.reduce<SparklineBucket | null>((best, b) => (!best || b.count > best.count ? b : best), null)
  const summary = peak
    ? `${service}: ${formatCount(total)} logs, peak ${formatCount(peak.count)} at ${formatInstant(peak.time, withDate)}`
    : `${service}: no logs`

  return (
    <AreaChart width={width} height={height} data={buckets} margin={{ top: 2, right: 0, bottom: 2, left: 0 }} title={summary}>
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
}
