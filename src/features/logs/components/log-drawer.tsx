import { useQuery } from '@tanstack/react-query'
import { Fragment, useState, type ReactNode } from 'react'
import { ErrorState } from '@/components/error-state'
import { Drawer } from '@/components/ui/drawer'
import { Skeleton } from '@/components/ui/skeleton'
import { tabIds, Tabs } from '@/components/ui/tabs'
import type { LogRow } from '@/contract/logs'
import type { TimeZoneMode } from '@/lib/log-filters/log-search'
import type { TimeRange } from '@/lib/time-range'
import { logQueries } from '../api/log-queries'
import { formatLogTime } from '../format-log-time'
import { CopyLogActions } from './copy-log-actions'
import { LevelBadge } from './level-badge'
import { LogDetails, type LogFilterActions } from './log-details'

type DrawerTab = 'details' | 'explain'
const tabs = [
  { value: 'details', label: 'Details' },
  { value: 'explain', label: 'Explain with AI' },
] as const

interface LogDrawerProps {
  environmentId: number
  range: TimeRange
  tz: TimeZoneMode
  uuid: string
  timestamp: string | undefined
  /** The log when it is among the loaded rows; otherwise it is looked up (a shared link). */
  loaded: LogRow | undefined
  actions: LogFilterActions
  renderExplain: (log: LogRow) => ReactNode
  onClose: () => void
}

/** The open log: its fields and attributes, and the AI explanation in a second tab. */
export function LogDrawer({ environmentId, range, tz, uuid, timestamp, loaded, actions, renderExplain, onClose }: LogDrawerProps) {
  const [tab, setTab] = useState<DrawerTab>('details')
  const lookup = useQuery({ ...logQueries.at({ environmentId, uuid, timestamp: timestamp ?? '' }), enabled: !loaded && timestamp !== undefined })
  const log = loaded ?? lookup.data ?? undefined
  const className = 'w-[min(40rem,42%)] min-w-[22rem] shrink-0'

  if (!log) {
    let body
    if (!timestamp || (lookup.isSuccess && lookup.data === null))
      body = <p className="p-4 text-sm text-muted-foreground">This log is not in the store any more, or the link is incomplete.</p>
    else if (lookup.isError)
      body = <ErrorState title="Could not load this log" error={lookup.error} onRetry={() => void lookup.refetch()} retrying={lookup.isFetching} />
    else
      body = (
        <div aria-busy="true" className="space-y-3 p-4">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
          <p role="status" className="sr-only">
            Loading the log…
          </p>
        </div>
      )
    return (
      <Drawer label="Log details" title={<h2 className="text-sm font-medium">Log</h2>} onClose={onClose} className={className}>
        {body}
      </Drawer>
    )
  }

  const details = tabIds('log-drawer', 'details')
  const explain = tabIds('log-drawer', 'explain')
  return (
    <Drawer
      label="Log details"
      onClose={onClose}
      className={className}
      title={
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 text-sm font-medium">
            <LevelBadge level={log.level} />
            <span className="truncate">{log.service_name || '(no service)'}</span>
          </h2>
          <p className="mt-0.5 font-mono text-xs text-muted-foreground">{formatLogTime(log.timestamp, tz)}</p>
        </div>
      }
      actions={<CopyLogActions log={log} range={range} />}
    >
      <Tabs label="Log details" idPrefix="log-drawer" items={tabs} value={tab} onValueChange={setTab} className="sticky top-0 z-10 bg-surface px-2" />
      <div role="tabpanel" id={details.panel} aria-labelledby={details.tab} hidden={tab !== 'details'}>
        <LogDetails log={log} tz={tz} {...actions} />
      </div>
      <div role="tabpanel" id={explain.panel} aria-labelledby={explain.tab} hidden={tab !== 'explain'} className="p-4">
        <Fragment key={log.uuid}>{renderExplain(log)}</Fragment>
      </div>
    </Drawer>
  )
}
