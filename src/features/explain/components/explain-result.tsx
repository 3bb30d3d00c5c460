import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { toast } from '@/components/ui/toast-store'
import type { ExplainResponse } from '@/contract/explain'
import { logFieldKeys, type FilterLeafType } from '@/contract/query'
import { cn } from '@/lib/cn'
import { formatAgo } from '../format-ago'
import { explanationToMarkdown } from '../to-markdown'
import { ImmediateActions } from './immediate-actions'
import { KeyFieldsTable, type KeyField } from './key-fields-table'
import { Markdown } from './markdown'
import { ProbableCauses } from './probable-causes'
import { SimilarLogs } from './similar-logs'

export type KeyFieldFilter = (key: string, type: FilterLeafType, value: string) => void

const banner = {
  ok: { label: 'OK', className: 'bg-success-soft text-success' },
  warning: { label: 'Warning', className: 'bg-warning-soft text-warning' },
  error: { label: 'Error', className: 'bg-danger-soft text-danger' },
  critical: { label: 'Critical', className: 'bg-danger text-primary-foreground' },
} as const

/** A key field as the filter it names: resource or log attribute, or a field of the log itself. */
function filterTarget(field: KeyField): { key: string; type: FilterLeafType } {
  if (field.attribute_type === 'resource') return { key: field.field, type: 'log_resource_attribute' }
  if (field.field === 'body') return { key: 'message', type: 'log' }
  if ((logFieldKeys as readonly string[]).includes(field.field)) return { key: field.field, type: 'log' }
  return { key: field.field, type: 'log_attribute' }
}

interface ExplainResultProps {
  explanation: ExplainResponse
  onRegenerate: () => void
  onFilter: KeyFieldFilter
}

export function ExplainResult({ explanation: e, onRegenerate, onFilter }: ExplainResultProps) {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000)
    return () => window.clearInterval(timer)
  }, [])
  const severity = banner[e.severity_assessment]
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(explanationToMarkdown(e))
      toast.success('Explanation copied as markdown')
    } catch {
      toast.error('Could not copy the explanation', 'The browser did not allow access to the clipboard.')
    }
  }

  return (
    <article aria-labelledby="explain-headline" className="space-y-5 text-sm">
      <header className={cn('rounded-lg px-3 py-2.5', severity.className)}>
        <p className="text-xs font-semibold tracking-wide uppercase">{severity.label}</p>
        <h3 id="explain-headline" className="mt-0.5 text-base font-semibold">
          {e.headline}
        </h3>
      </header>
      <section aria-label="Impact">
        <p>{e.impact_summary}</p>
      </section>
      <ProbableCauses causes={e.probable_causes} />
      <ImmediateActions actions={e.immediate_actions} />
      <section aria-labelledby="explain-technical">
        <h4 id="explain-technical" className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
          Technical explanation
        </h4>
        <Markdown source={e.technical_explanation} className="space-y-2" />
      </section>
      <KeyFieldsTable
        fields={e.key_fields}
        onFilter={(field) => {
          const target = filterTarget(field)
          onFilter(target.key, target.type, field.value)
        }}
      />
      <SimilarLogs similar={e.similar} nowMs={now} />
      <footer className="flex flex-wrap items-center gap-2 border-t border-border pt-3 text-xs text-muted-foreground">
        <span>
          {e.model} · generated <time dateTime={e.generated_at}>{formatAgo(Date.parse(e.generated_at), now)}</time>
          {e.cached && ' (cached)'}
        </span>
        <span className="ml-auto flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => void copy()}>
            Copy as markdown
          </Button>
          <Button size="sm" onClick={onRegenerate}>
            <Icon name="refresh" />
            Regenerate
          </Button>
        </span>
      </footer>
    </article>
  )
}
