import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { LogRow } from '@/contract/logs'
import { explainQueries } from '../api/explain-queries'
import { ExplainError } from './explain-error'
import { ExplainIdle } from './explain-idle'
import { ExplainLoading } from './explain-loading'
import { ExplainResult, type KeyFieldFilter } from './explain-result'

interface ExplainPanelProps {
  environmentId: number
  log: Pick<LogRow, 'uuid' | 'timestamp'>
  onFilter: KeyFieldFilter
}

/**
 * "Explain with AI" for one log. Nothing is sent until the user asks; then loading (cancellable),
 * the result (regenerate, copy), or why it failed — each failure with what to do about it.
 */
export function ExplainPanel({ environmentId, log, onFilter }: ExplainPanelProps) {
  const queryClient = useQueryClient()
  const params = { environmentId, uuid: log.uuid, timestamp: log.timestamp }
  const options = explainQueries.detail(params)
  // An explanation already fetched in this session (the drawer was closed and reopened) shows at once.
  const [requested, setRequested] = useState(() => queryClient.getQueryData(options.queryKey) !== undefined)
  const [forced, setForced] = useState(false)
  const explain = useQuery({ ...options, enabled: requested })

  const run = (force: boolean) => {
    setForced(force)
    if (!requested && !force) return setRequested(true)
    setRequested(true)
    queryClient.fetchQuery({ ...explainQueries.detail(params, force), staleTime: 0 }).catch(() => {
      // The query's state shows the failure (or the cancellation) to the panel.
    })
  }
  const cancel = () => {
    void queryClient.cancelQueries({ queryKey: options.queryKey })
    if (explain.data === undefined) setRequested(false)
  }

  if (!requested && explain.data === undefined) return <ExplainIdle onExplain={() => run(false)} />
  if (explain.isFetching) return <ExplainLoading regenerating={forced && explain.data !== undefined} onCancel={cancel} />
  if (explain.isError) return <ExplainError error={explain.error} onRetry={() => run(forced)} />
  if (explain.data === undefined) return <ExplainIdle onExplain={() => run(false)} />
  return <ExplainResult explanation={explain.data} onRegenerate={() => run(true)} onFilter={onFilter} />
}
