import { useRouter } from '@tanstack/react-router'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import type { LogRow } from '@/contract/logs'
import { resolveTimeRange, type TimeRange } from '@/lib/time-range'

/** A shared link opens the log in a window around it, so it is still in range later. */
const AROUND_MS = 15 * 60_000

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text)
    toast.success(`${what} copied`)
  } catch {
    toast.error(`Could not copy the ${what.toLowerCase()}`, 'The browser did not allow access to the clipboard.')
  }
}

/** Copy the log as JSON, or a link that reopens it (with an absolute time range around it). */
export function CopyLogActions({ log, range }: { log: LogRow; range: TimeRange }) {
  const router = useRouter()
  const copyLink = () => {
    const ms = Date.parse(log.timestamp)
    const current = resolveTimeRange(range, Date.now())
    const keepRange = range.to !== undefined && current.fromMs <= ms && ms < current.toMs
    const linkRange = keepRange ? range : { from: new Date(ms - AROUND_MS).toISOString(), to: new Date(ms + AROUND_MS).toISOString() }
    const location = router.buildLocation({
      to: '.',
      search: (prev) => ({ ...prev, from: linkRange.from, to: linkRange.to, log: log.uuid, logTs: log.timestamp }),
    })
    void copy(new URL(router.history.createHref(location.href), window.location.origin).toString(), 'Link')
  }
  return (
    <div className="flex items-center gap-1">
      <Button size="sm" variant="ghost" onClick={() => void copy(JSON.stringify(log, null, 2), 'Log')}>
        Copy log
      </Button>
      <Button size="sm" variant="ghost" onClick={copyLink}>
        <Icon name="link" />
        Copy link
      </Button>
    </div>
  )
}
