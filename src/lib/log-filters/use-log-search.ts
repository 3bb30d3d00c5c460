import { useNavigate, useSearch } from '@tanstack/react-router'
import { useCallback, useMemo } from 'react'
import { logSearchDefaults, serviceList, type LogSearch } from './log-search'

/**
 * The explorer's search params on whichever route shows it (`/logs`, `/views/$shortId`); both
 * validate them with `logSearchSchema`, so the values here are already clean.
 */
export function useLogSearch(): LogSearch {
  const search = useSearch({ strict: false })
  const { services, severity, q, filters, order, tz, wrap, log, logTs } = search
  return useMemo(
    () => ({
      services: services === undefined ? logSearchDefaults.services : serviceList(services),
      severity: severity ?? logSearchDefaults.severity,
      q: q ?? logSearchDefaults.q,
      filters: filters ?? logSearchDefaults.filters,
      order: order ?? logSearchDefaults.order,
      tz: tz ?? logSearchDefaults.tz,
      wrap: wrap ?? logSearchDefaults.wrap,
      log,
      logTs,
    }),
    [services, severity, q, filters, order, tz, wrap, log, logTs],
  )
}

export interface SetLogSearchOptions {
  /** Replace the history entry instead of adding one (typing, moving the selection). */
  replace?: boolean
}

/** Changes some explorer params on the current route and keeps the rest of the URL. */
export function useSetLogSearch() {
  const navigate = useNavigate()
  return useCallback(
    (patch: Partial<LogSearch>, options: SetLogSearchOptions = {}) =>
      navigate({
        to: '.',
        // The route's schema writes one service as a plain string.
        search: (prev) => ({ ...prev, ...patch }),
        replace: options.replace,
      }),
    [navigate],
  )
}
