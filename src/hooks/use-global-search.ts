import { useNavigate, useSearch } from '@tanstack/react-router'
import { useCallback, useMemo } from 'react'
import type { GlobalSearch } from '@/lib/global-search'
import type { TimeRange } from '@/lib/time-range'

/** The environment and time range every page shares, read from the root route's search params. */
export function useGlobalSearch(): { environmentId: number; range: TimeRange } {
  const { env, from, to } = useSearch({ from: '__root__' })
  const range = useMemo(() => ({ from, to }), [from, to])
  return { environmentId: env, range }
}

/** Changes the shared params and keeps the rest of the current URL; each change is a history entry. */
export function useSetGlobalSearch() {
  const navigate = useNavigate()
  return useCallback(
    (patch: Partial<GlobalSearch>) => navigate({ to: '.', search: (prev) => ({ ...prev, ...patch }) }),
    [navigate],
  )
}
