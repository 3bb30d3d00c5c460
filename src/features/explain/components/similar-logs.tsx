import type { SimilarLogs as SimilarLogsData } from '@/contract/explain'
import { formatCount } from '@/lib/format'
import { formatClock } from '../format-ago'

/** "412 logs of this shape in the last hour, first seen 09:12", with the shape itself. */
export function SimilarLogs({ similar, nowMs }: { similar: SimilarLogsData; nowMs: number }) {
  const first = similar.first_seen ? Date.parse(similar.first_seen) : NaN
  const count = similar.count_1h
  return (
    <section aria-labelledby="explain-similar">
      <h4 id="explain-similar" className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Similar logs
      </h4>
      <p>
        {`${formatCount(count)} ${count === 1 ? 'log' : 'logs'} of this shape in the last hour`}
        {Number.isFinite(first) && `, first seen ${formatClock(first, nowMs)}`}
      </p>
      {similar.pattern && <pre className="mt-1 overflow-x-auto rounded bg-muted p-2 font-mono text-xs whitespace-pre-wrap">{similar.pattern}</pre>}
    </section>
  )
}
