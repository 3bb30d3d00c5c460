import type { SimulateResponse } from '@/contract/rules'
import { formatCount, formatPercent } from '@/lib/format'

const SHOWN = 5

type ServiceImpact = NonNullable<SimulateResponse['by_service']>[number]

/** The services that would lose the most logs, each with the share of its own logs dropped. */
export function ServiceBreakdown({ services }: { services: readonly ServiceImpact[] }) {
  const hit = services.filter((s) => s.dropped_logs > 0)
  if (hit.length === 0) return null
  const shown = hit.slice(0, SHOWN)
  return (
    <section aria-labelledby="preview-services" className="space-y-2">
      <h3 id="preview-services" className="text-sm font-medium">
        By service
      </h3>
      <ul className="space-y-2">
        {shown.map((s) => (
          <li key={s.service_name} className="space-y-1 text-xs">
            <div className="flex justify-between gap-2">
              <span className="truncate font-mono" title={s.service_name}>
                {s.service_name}
              </span>
              <span className="shrink-0 text-muted-foreground tabular-nums">
                {formatCount(s.dropped_logs)} of {formatCount(s.log_count)} ({formatPercent(s.reduction_pct)})
              </span>
            </div>
            <div aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-muted">
              <div className="h-full rounded-full bg-chart-volume" style={{ width: `${Math.min(100, s.reduction_pct)}%` }} />
            </div>
          </li>
        ))}
      </ul>
      {hit.length > SHOWN && (
        <p className="text-xs text-muted-foreground">
          and {hit.length - SHOWN} more {hit.length - SHOWN === 1 ? 'service' : 'services'}
        </p>
      )}
    </section>
  )
}
