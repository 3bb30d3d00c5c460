import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { Switch } from '@/components/ui/switch'
import { cn } from '@/lib/cn'
import type { LogOrder, TimeZoneMode } from '@/lib/log-filters/log-search'
import { timeZoneLabel } from '../format-log-time'

interface ListOptionsProps {
  order: LogOrder
  tz: TimeZoneMode
  wrap: boolean
  onOrderChange: (order: LogOrder) => void
  onTzChange: (tz: TimeZoneMode) => void
  onWrapChange: (wrap: boolean) => void
}

const zones: TimeZoneMode[] = ['local', 'utc']

/** How the list reads: order, time zone of the timestamps, and wrapping of long lines. */
export function ListOptions({ order, tz, wrap, onOrderChange, onTzChange, onWrapChange }: ListOptionsProps) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <Button
        size="sm"
        variant="ghost"
        title={order === 'latest' ? 'Show the oldest logs first' : 'Show the newest logs first'}
        onClick={() => onOrderChange(order === 'latest' ? 'earliest' : 'latest')}
      >
        <Icon name={order === 'latest' ? 'arrow-down' : 'arrow-up'} />
        {order === 'latest' ? 'Newest first' : 'Oldest first'}
      </Button>
      <div role="group" aria-label="Time zone" className="inline-flex rounded-md border border-border p-0.5">
        {zones.map((zone) => (
          <button
            key={zone}
            type="button"
            aria-pressed={tz === zone}
            onClick={() => onTzChange(zone)}
            className={cn(
              'rounded px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-ring',
              tz === zone ? 'bg-accent text-primary' : 'text-muted-foreground hover:text-foreground',
            )}
          >
            {timeZoneLabel[zone]}
          </button>
        ))}
      </div>
      <label className="inline-flex items-center gap-2 text-xs text-muted-foreground">
        <Switch checked={wrap} onCheckedChange={onWrapChange} aria-label="Wrap long lines" />
        Wrap lines
      </label>
    </div>
  )
}
