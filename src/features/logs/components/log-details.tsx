import type { ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import type { LogRow } from '@/contract/logs'
import type { TimeZoneMode } from '@/lib/log-filters/log-search'
import { formatLogTime } from '../format-log-time'
import { AttributeTable } from './attribute-table'
import { LogBodyView } from './log-body-view'

export interface LogFilterActions {
  onFilterAttribute: (key: string, value: string, exclude: boolean, resource: boolean) => void
  onFilterService: (service: string, exclude: boolean) => void
  onFilterField: (key: 'span_id' | 'event_name', value: string) => void
  onShowTrace: (traceId: string) => void
}

interface LogDetailsProps extends LogFilterActions {
  log: LogRow
  tz: TimeZoneMode
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] items-center gap-2 border-b border-border py-1 text-xs last:border-0">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 flex-wrap items-center gap-1 font-mono break-all">{children}</dd>
    </div>
  )
}

const linkButton = 'h-6 px-1.5 text-xs'

/** Everything stored with the log, as text, with actions that turn a value into a filter. */
export function LogDetails({ log, tz, onFilterAttribute, onFilterService, onFilterField, onShowTrace }: LogDetailsProps) {
  return (
    <div className="space-y-5 p-4">
      <LogBodyView body={log.body} />
      <section>
        <h3 className="mb-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">Fields</h3>
        <dl>
          <Field label="Service">
            <span>{log.service_name || '(no service)'}</span>
            <Button size="sm" variant="ghost" className={linkButton} aria-label="Filter by this service" onClick={() => onFilterService(log.service_name, false)}>
              Filter
            </Button>
            <Button size="sm" variant="ghost" className={linkButton} aria-label="Exclude this service" onClick={() => onFilterService(log.service_name, true)}>
              Exclude
            </Button>
          </Field>
          <Field label="Timestamp">{`${formatLogTime(log.timestamp, tz)} (${log.timestamp})`}</Field>
          {log.observed_timestamp && <Field label="Observed">{log.observed_timestamp}</Field>}
          <Field label="Severity">{`${log.severity_text || '—'} (${log.severity_number})`}</Field>
          <Field label="Trace id">
            {log.trace_id ? (
              <Button size="sm" variant="link" className="h-auto px-0 font-mono text-xs" aria-label={`Show all logs of trace ${log.trace_id}`} onClick={() => onShowTrace(log.trace_id)}>
                {log.trace_id}
              </Button>
            ) : (
              '—'
            )}
          </Field>
          <Field label="Span id">
            <span>{log.span_id || '—'}</span>
            {log.span_id && (
              <Button size="sm" variant="ghost" className={linkButton} aria-label="Filter by this span" onClick={() => onFilterField('span_id', log.span_id)}>
                Filter
              </Button>
            )}
          </Field>
          {log.event_name && (
            <Field label="Event">
              <span>{log.event_name}</span>
              <Button size="sm" variant="ghost" className={linkButton} aria-label="Filter by this event" onClick={() => onFilterField('event_name', log.event_name)}>
                Filter
              </Button>
            </Field>
          )}
          <Field label="UUID">{log.uuid}</Field>
        </dl>
      </section>
      <AttributeTable title="Attributes" attributes={log.attributes} onFilter={(k, v, exclude) => onFilterAttribute(k, v, exclude, false)} />
      <AttributeTable title="Resource attributes" attributes={log.resource_attributes} onFilter={(k, v, exclude) => onFilterAttribute(k, v, exclude, true)} />
    </div>
  )
}
