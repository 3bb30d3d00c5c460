import { useQuery } from '@tanstack/react-query'
import { Chip } from '@/components/ui/chip'
import { Skeleton } from '@/components/ui/skeleton'
import { Tooltip } from '@/components/ui/tooltip'
import type { BackendInfo } from '@/contract/backend'
import { backendQueries } from '@/lib/queries/backend-queries'

function backendLabel(info: BackendInfo): string {
  return info.backend === 'embedded' ? 'Embedded store' : `PostHog · ${info.host}`
}

function BackendExplanation({ info }: { info: BackendInfo }) {
  if (info.backend === 'embedded') {
    return (
      <>
        <p>Logs are stored and queried by this Logdeck server itself, in its embedded database.</p>
        <p className="mt-1 text-muted-foreground">Send OTLP logs to this server’s /v1/logs endpoint.</p>
      </>
    )
  }
  return (
    <>
      <p>Logdeck forwards every request to the PostHog host {info.host}; logs are stored and queried there.</p>
      <p className="mt-1 text-muted-foreground">Ingestion is off here: send OTLP logs to PostHog itself.</p>
    </>
  )
}

/** Which backend the app is connected to, with a tooltip (hover or focus) that explains it. */
export function BackendBadge() {
  const backend = useQuery(backendQueries.info())
  // The top bar keeps its layout: a placeholder while asking, nothing if the server cannot say.
  if (backend.isPending) return <Skeleton className="h-5 w-28 rounded-full" />
  if (backend.isError) return null
  return (
    <Tooltip className="max-w-64" content={<BackendExplanation info={backend.data} />}>
      <Chip tone="primary" tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring">
        {backendLabel(backend.data)}
      </Chip>
    </Tooltip>
  )
}
