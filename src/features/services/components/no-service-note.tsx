import { NO_SERVICE } from '@/contract/logs'
import { NO_SERVICE_EXPLANATION } from './service-name-cell'

/** Footnote shown when the table has a `(no service)` row. */
export function NoServiceNote() {
  return (
    <p className="text-xs text-muted-foreground">
      <span className="font-medium italic">{NO_SERVICE}</span>: {NO_SERVICE_EXPLANATION} Set{' '}
      <code className="font-mono">service.name</code> (for example with <code className="font-mono">OTEL_SERVICE_NAME</code>) in
      your SDK to split them out.
    </p>
  )
}
