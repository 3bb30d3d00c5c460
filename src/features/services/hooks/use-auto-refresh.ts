import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { usePageVisible } from '@/hooks/use-page-visible'
import { servicesQueries } from '../api/services-queries'

const AUTO_REFRESH_MS = 30_000

/**
 * While `enabled` and the tab is visible, refreshes the page's data (list and on-screen sparklines)
 * 30 s after the last answer. A hidden tab does nothing; coming back refreshes at once if due.
 * Returns whether refreshing is paused because the tab is hidden.
 */
export function useAutoRefresh(enabled: boolean, environmentId: number, lastAnswerAt: number): boolean {
  const queryClient = useQueryClient()
  const visible = usePageVisible()
  const active = enabled && visible

  useEffect(() => {
    if (!active || lastAnswerAt === 0) return
    const due = Math.max(0, lastAnswerAt + AUTO_REFRESH_MS - Date.now())
    const timer = window.setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: servicesQueries.all(environmentId) })
    }, due)
    return () => window.clearTimeout(timer)
  }, [active, environmentId, lastAnswerAt, queryClient])

  return enabled && !visible
}
