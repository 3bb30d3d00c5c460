import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { buttonVariants } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { describeTimeRange, resolveTimeRange, timePresets, type TimeRange } from '@/lib/time-range'

const wider = timePresets.filter((p) => p.from === '-24h' || p.from === '-7d')
const presetMs: Record<string, number> = { '-24h': 86_400_000, '-7d': 7 * 86_400_000 }

/** No logs at all in the window: offer a wider window and say how to send logs. */
export function ServicesEmpty({ range }: { range: TimeRange }) {
  const [now] = useState(Date.now)
  const { fromMs, toMs } = resolveTimeRange(range, now)
  const options = wider.filter((p) => presetMs[p.from]! > toMs - fromMs)

  return (
    <div className="flex flex-col items-center gap-5 px-6 py-12 text-center">
      <Icon name="inbox" className="size-8 text-muted-foreground" />
      <div>
        <h2 className="font-medium">No logs in this window</h2>
        <p className="mt-1 text-sm text-muted-foreground">
          Nothing arrived in {describeTimeRange(range).replace(/^Last/, 'the last')}.
        </p>
      </div>
      {options.length > 0 && (
        <div className="flex flex-wrap items-center justify-center gap-2 text-sm">
          <span className="text-muted-foreground">Widen the range:</span>
          {options.map((preset) => (
            <Link
              key={preset.from}
              to="/services"
              search={(prev) => ({ ...prev, from: preset.from, to: undefined })}
              className={buttonVariants({ size: 'sm' })}
            >
              {preset.label}
            </Link>
          ))}
        </div>
      )}
      <div className="w-full max-w-xl rounded-lg border border-border bg-background p-4 text-left text-sm">
        <h3 className="font-medium">Send logs with OpenTelemetry</h3>
        <p className="mt-1 text-muted-foreground">
          Point any OTLP/HTTP exporter at this server, authenticated with the project token. Logs are posted to{' '}
          <code className="font-mono text-foreground">POST /v1/logs</code> (JSON or protobuf) with{' '}
          <code className="font-mono text-foreground">Authorization: Bearer &lt;project token&gt;</code>.
        </p>
        <pre className="mt-3 overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
          {'OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318\nOTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <project token>"'}
        </pre>
      </div>
    </div>
  )
}
