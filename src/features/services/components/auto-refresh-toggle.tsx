import { Icon } from '@/components/ui/icon'
import { Switch } from '@/components/ui/switch'
import { formatInstant } from '@/lib/format'

interface AutoRefreshToggleProps {
  enabled: boolean
  onChange: (enabled: boolean) => void
  /** True while the tab is hidden: nothing is fetched until it is visible again. */
  paused: boolean
  updatedAt: number
}

export function AutoRefreshToggle({ enabled, onChange, paused, updatedAt }: AutoRefreshToggleProps) {
  return (
    <div className="flex items-center gap-3 text-sm">
      {updatedAt > 0 && (
        <span className="text-muted-foreground tabular-nums">
          {paused ? (
            <span className="inline-flex items-center gap-1">
              <Icon name="pause" className="size-3" /> Paused while the tab is hidden
            </span>
          ) : (
            `Updated ${formatInstant(updatedAt, false)}`
          )}
        </span>
      )}
      <label className="flex items-center gap-2">
        <Switch checked={enabled} onCheckedChange={onChange} aria-describedby="auto-refresh-hint" />
        Auto-refresh
      </label>
      <span id="auto-refresh-hint" className="sr-only">
        Every 30 seconds while this tab is visible
      </span>
    </div>
  )
}
