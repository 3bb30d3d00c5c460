import { ErrorState } from '@/components/error-state'
import { SegmentedControl } from '@/components/ui/segmented-control'
import { Skeleton } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import type { PreviewDraft } from '../../api/rule-queries'
import { useSimulatePreview } from '../../hooks/use-simulate-preview'
import type { PreviewWindow } from '../../search-schema'
import { PreviewResult } from './preview-result'

const windowOptions = [
  { value: '1h', label: '1 h' },
  { value: '24h', label: '24 h' },
  { value: '7d', label: '7 d' },
] as const satisfies readonly { value: PreviewWindow; label: string }[]

interface SimulatePreviewProps {
  environmentId: number
  /** The draft to estimate; null while the form has a problem (`problem` says which). */
  draft: PreviewDraft | null
  problem: string | undefined
  /** Where the rule runs in the order; undefined: after every enabled rule (a new rule). */
  position: number | undefined
  window: PreviewWindow
  onWindowChange: (window: PreviewWindow) => void
}

/** What the rule being edited would drop, estimated live over the stored logs of the window. */
export function SimulatePreview({ environmentId, draft, problem, position, window, onWindowChange }: SimulatePreviewProps) {
  const { query, body, waiting } = useSimulatePreview(environmentId, draft, position, window)
  const updating = body !== null && (waiting || query.isFetching)

  let content
  if (body === null) {
    content = (
      <div className="rounded-md bg-muted px-3 py-3 text-sm">
        <p className="font-medium">The preview waits for a complete rule</p>
        {problem && <p className="mt-0.5 text-muted-foreground">{problem}</p>}
      </div>
    )
  } else if (query.isPending) {
    content = (
      <div className="space-y-3" aria-hidden="true">
        <Skeleton className="h-10 w-32" />
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-24 w-full" />
      </div>
    )
  } else if (query.isError) {
    content = <ErrorState title="Could not estimate this rule" error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} className="py-6" />
  } else {
    content = <PreviewResult data={query.data} />
  }

  return (
    <section aria-labelledby="rule-preview" aria-busy={updating} className="space-y-4 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="rule-preview" className="text-base font-semibold">
          Preview
        </h2>
        <SegmentedControl label="Preview window" value={window} options={windowOptions} onValueChange={onWindowChange} />
      </div>
      <p role="status" className={cn('text-xs text-muted-foreground', !updating && 'sr-only')}>
        {updating ? 'Updating the estimate…' : query.isSuccess && body !== null ? 'Estimate up to date.' : ''}
      </p>
      <div className={cn('transition-opacity', updating && query.data && 'opacity-60')}>{content}</div>
    </section>
  )
}
