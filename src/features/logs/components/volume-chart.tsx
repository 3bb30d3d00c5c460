import { useState } from 'react'
import { Bar, BarChart, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts'
import { levels } from '@/contract/severity'
import { formatCount } from '@/lib/format'
import type { TimeZoneMode } from '@/lib/log-filters/log-search'
import type { VolumeBucket, VolumeSeries } from '../api/shape-volume'
import { volumeChartConfig } from '../volume-config'

const DAY_MS = 86_400_000

function tickFormat(stepMs: number, spanMs: number, tz: TimeZoneMode) {
  const format = new Intl.DateTimeFormat(undefined, {
    ...(spanMs >= DAY_MS ? { month: 'short', day: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    ...(stepMs < 60_000 ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    ...(tz === 'utc' ? { timeZone: 'UTC' } : {}),
  })
  return (ms: number) => format.format(ms)
}

interface BucketTooltipProps {
  active?: boolean
  payload?: readonly { payload?: VolumeBucket }[]
  format: (ms: number) => string
}

function BucketTooltip({ active, payload, format }: BucketTooltipProps) {
  const bucket = payload?.[0]?.payload
  if (!active || !bucket) return null
  return (
    <div className="rounded-md border border-border bg-surface-raised px-2.5 py-1.5 text-xs shadow-lg">
      <p className="font-medium">{format(bucket.time)}</p>
      <table className="mt-1 tabular-nums">
        <tbody>
          {[...levels].reverse().map((level) => (
            <tr key={level}>
              <th scope="row" className="pr-3 text-left font-normal text-muted-foreground">
                {volumeChartConfig[level].label}
              </th>
              <td className="text-right">{formatCount(bucket[level])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

interface VolumeChartProps {
  series: VolumeSeries
  width: number
  height: number
  tz: TimeZoneMode
  /** A drag across two or more buckets: the window they cover. */
  onZoom: (fromMs: number, toMs: number) => void
}

const indexOf = (state: { activeTooltipIndex?: number | string | null }) => {
  const index = Number(state.activeTooltipIndex)
  return Number.isInteger(index) && index >= 0 ? index : null
}

/** Stacked bars per severity over the window; drag across it to zoom into that part. */
export function VolumeChart({ series, width, height, tz, onZoom }: VolumeChartProps) {
  const { buckets, stepMs } = series
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null)
  const span = buckets.length > 0 ? buckets[buckets.length - 1]!.time - buckets[0]!.time : 0
  const format = tickFormat(stepMs, span, tz)

  const finish = () => {
    if (drag && drag.start !== drag.end) {
      const first = buckets[Math.min(drag.start, drag.end)]!
      const last = buckets[Math.max(drag.start, drag.end)]!
      onZoom(first.time, last.time + stepMs)
    }
    setDrag(null)
  }

  return (
    <BarChart
      width={width}
      height={height}
      data={buckets}
      margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
      barCategoryGap={1}
      onMouseDown={(state) => {
        const index = indexOf(state)
        if (index !== null) setDrag({ start: index, end: index })
      }}
      onMouseMove={(state) => {
        const index = indexOf(state)
        if (drag && index !== null && index !== drag.end) setDrag({ ...drag, end: index })
      }}
      onMouseUp={finish}
      onMouseLeave={() => setDrag(null)}
      style={{ cursor: 'crosshair', userSelect: 'none' }}
    >
      <XAxis dataKey="time" tickFormatter={format} tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }} minTickGap={48} tickLine={false} axisLine={{ stroke: 'var(--border)' }} />
      <YAxis width={44} allowDecimals={false} tickFormatter={formatCount} tick={{ fontSize: 11, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={false} />
      <Tooltip content={({ active, payload }) => <BucketTooltip active={active} payload={payload} format={format} />} cursor={{ fill: 'var(--muted)' }} isAnimationActive={false} />
      {levels.map((level) => (
        <Bar key={level} dataKey={level} name={volumeChartConfig[level].label} stackId="volume" fill={volumeChartConfig[level].color} isAnimationActive={false} />
      ))}
      {drag && drag.start !== drag.end && (
        <ReferenceArea
          x1={buckets[Math.min(drag.start, drag.end)]!.time}
          x2={buckets[Math.max(drag.start, drag.end)]!.time}
          fill="var(--primary)"
          fillOpacity={0.15}
          stroke="var(--primary)"
        />
      )}
    </BarChart>
  )
}
