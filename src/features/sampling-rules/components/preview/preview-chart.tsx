import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { SimulateResponse } from '@/contract/rules'
import { formatCount, formatInstant } from '@/lib/format'

/** Series colours are theme tokens, so the chart follows light and dark. */
const chartConfig = {
  before: { label: 'Stored now', color: 'var(--muted-foreground)' },
  after: { label: 'With this rule', color: 'var(--chart-volume)' },
} as const

const DAY_MS = 86_400_000

type Point = NonNullable<SimulateResponse['series']>[number]

interface PreviewChartProps {
  series: readonly Point[]
  width: number
  height: number
}

/** Logs per bucket over the window, as stored now and as they would be with the rule. */
export function PreviewChart({ series, width, height }: PreviewChartProps) {
  const data = series.map((p) => ({ ...p, t: Date.parse(p.time) }))
  const withDate = data.length > 1 && data[data.length - 1]!.t - data[0]!.t >= DAY_MS
  const before = data.reduce((n, p) => n + p.before, 0)
  const after = data.reduce((n, p) => n + p.after, 0)
  const summary = `Logs over the window: ${formatCount(before)} stored now, ${formatCount(after)} with this rule.`

  return (
    <figure className="space-y-1">
      <div role="img" aria-label={summary}>
        <AreaChart width={width} height={height} data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => formatInstant(t, withDate)}
            tick={{ fontSize: 10, fill: 'var(--muted-foreground)' }}
            tickLine={false}
            axisLine={false}
            minTickGap={40}
          />
          <YAxis width={44} tickFormatter={(n: number) => formatCount(n)} tick={{ fontSize: 10, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={false} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(t) => formatInstant(Number(t), withDate)}
            formatter={(value, name) => [formatCount(Number(value)), chartConfig[name as keyof typeof chartConfig]?.label ?? name]}
            contentStyle={{ background: 'var(--surface-raised)', border: '1px solid var(--border)', borderRadius: 6, fontSize: 12 }}
          />
          {(['before', 'after'] as const).map((key) => (
            <Area
              key={key}
              dataKey={key}
              type="monotone"
              stroke={chartConfig[key].color}
              fill={chartConfig[key].color}
              fillOpacity={key === 'after' ? 0.25 : 0.08}
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </div>
      <figcaption className="flex gap-4 text-xs text-muted-foreground">
        {(['before', 'after'] as const).map((key) => (
          <span key={key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="h-0.5 w-3 rounded" style={{ background: chartConfig[key].color }} />
            {chartConfig[key].label}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
