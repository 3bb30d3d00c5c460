import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { describeTimeRange, resolveTimeRange, timePresets, type TimeRange } from '@/lib/time-range'
import { logQueries } from '../api/log-queries'

const HOUR = 3_600_000
const wider = [
  { from: '-6h', ms: 6 * HOUR },
  { from: '-24h', ms: 24 * HOUR },
  { from: '-7d', ms: 7 * 24 * HOUR },
] as const

interface LogsEmptyProps {
  environmentId: number
  range: TimeRange
  services: readonly string[]
  hasFilters: boolean
  onWiden: (from: string) => void
  onClearFilters: () => void
}

/** Nothing matched: offer a wider window, clearing the filters, and the sampling rules that may drop these logs. */
export function LogsEmpty({ environmentId, range, services, hasFilters, onWiden, onClearFilters }: LogsEmptyProps) {
  const [now] = useState(Date.now)
  const { fromMs, toMs } = resolveTimeRange(range, now)
  const options = wider.filter((option) => option.ms > toMs - fromMs)
  const rules = useQuery(logQueries.droppingRules(environmentId, services))

  return (
    <div className="flex flex-col items-center gap-5 px-6 py-12 text-center">
      <Icon name="inbox" className="size-8 text-muted-foreground" />
      <div>
        <h2 className="font-medium">{hasFilters ? 'No logs match these filters' : 'No logs in this window'}</h2>
        <p className="mt-1 text-sm text-muted-foreground">Nothing in {describeTimeRange(range).replace(/^Last/, 'the last')}.</p>
      </div>
      <div className="flex flex-wrap items-center justify-center gap-2 text-sm">
        {options.length > 0 && <span className="text-muted-foreground">Widen the range:</span>}
        {options.map((option) => (
          <Button key={option.from} size="sm" onClick={() => onWiden(option.from)}>
            {timePresets.find((p) => p.from === option.from)!.label}
          </Button>
        ))}
        {hasFilters && (
          <Button size="sm" variant="ghost" onClick={onClearFilters}>
            Clear all filters
          </Button>
        )}
      </div>
      <div className="w-full max-w-xl rounded-lg border border-border bg-background p-4 text-left text-sm">
        <h3 className="font-medium">Were these logs dropped before they were stored?</h3>
        {rules.isSuccess && rules.data.length > 0 ? (
          <>
            <p className="mt-1 text-muted-foreground">
              {services.length > 0 ? 'These enabled sampling rules can drop logs of these services:' : 'These enabled sampling rules drop logs at ingestion:'}
            </p>
            <ul className="mt-2 space-y-1">
              {rules.data.slice(0, 5).map((rule) => (
                <li key={rule.id}>
                  <Link to="/sampling-rules/$id" params={{ id: rule.id }} className="text-primary hover:underline">
                    {rule.name}
                  </Link>
                  {rule.summary_string && <span className="text-muted-foreground"> · {rule.summary_string}</span>}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mt-1 text-muted-foreground">
            {rules.isSuccess
              ? 'No enabled sampling rule drops logs of these services.'
              : 'Sampling rules can drop logs at ingestion, so they never reach this list.'}
          </p>
        )}
        <Link to="/sampling-rules" className="mt-2 inline-block text-primary hover:underline">
          Review sampling rules
        </Link>
      </div>
    </div>
  )
}
