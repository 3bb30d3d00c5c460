import { z } from 'zod'

/** Columns the table sorts by; the names are the API's field names, so `?sort=error_rate` reads well. */
export const serviceSortKeys = ['service_name', 'log_count', 'volume_share_pct', 'error_count', 'error_rate'] as const
export type ServiceSortKey = (typeof serviceSortKeys)[number]
export type SortDirection = 'asc' | 'desc'

/** `/services` search params: `q` (name search), `sort` + `dir`, `live` (auto-refresh). */
export const servicesSearchSchema = z.object({
  q: z.string().max(512).default('').catch(''),
  sort: z.enum(serviceSortKeys).default('log_count').catch('log_count'),
  dir: z.enum(['asc', 'desc']).default('desc').catch('desc'),
  live: z.boolean().default(false).catch(false),
})
export type ServicesSearchParams = z.output<typeof servicesSearchSchema>

export const servicesSearchDefaults: ServicesSearchParams = { q: '', sort: 'log_count', dir: 'desc', live: false }
