import { useQuery } from '@tanstack/react-query'
import { useLocation, useNavigate, useSearch } from '@tanstack/react-router'
import { useCallback, useMemo } from 'react'
import type { BackendInfo } from '@/contract/backend'
import type { GlobalSearch } from '@/lib/global-search'
import { backendQueries } from '@/lib/queries/backend-queries'
import type { TimeRange } from '@/lib/time-range'

const defaultEnvironmentOf = (info: BackendInfo) => info.default_environment_id

/**
 * The environment and time range every page shares, read from the root route's search params.
 * Without a valid `env` in the URL the environment is the server's default (1 until it answers).
 */
export function useGlobalSearch(): { environmentId: number; range: TimeRange } {
  const { env, from, to } = useSearch({ from: '__root__' })
  const envInUrl = useLocation({ select: (location) => new URLSearchParams(location.searchStr).get('env') })
  const serverDefault = useQuery({ ...backendQueries.info(), select: defaultEnvironmentOf }).data
  const range = useMemo(() => ({ from, to }), [from, to])
  const explicit = envInUrl === String(env)
  return { environmentId: explicit || serverDefault === undefined ? env : serverDefault, range }
}

/** Changes the shared params and keeps the rest of the current URL; each change is a history entry. */
export function useSetGlobalSearch() {
  const navigate = useNavigate()
  return useCallback(
    (patch: Partial<GlobalSearch>) => navigate({ to: '.', search: (prev) => ({ ...prev, ...patch }) }),
    [navigate],
  )
}
