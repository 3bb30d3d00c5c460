import { z } from 'zod'
import { orderBySchema } from '@/contract/query'
import { levelOfSeverity, levels, severityLevels, type Level } from '@/contract/severity'
import { parseFilterNodes, type FilterNode } from './filter-nodes'

/**
 * Search params of the logs explorer (`/logs` and `/views/$shortId`), next to the shared `env`,
 * `from` and `to`:
 * - `services`: one name as a plain string (`?services=checkout`, what the Services page links to),
 *   several as a list;
 * - `severity`: levels (`trace`/`fatal` are read as `debug`/`error`, as the API does);
 * - `q`: body search; `filters`: attribute filters (contract leaves, AND-ed);
 * - `order` (`earliest`), `tz` (`utc`), `wrap`: how the list reads;
 * - `log` + `logTs`: the open log (its uuid and timestamp), so a link reopens it.
 * Every field falls back to its default when the URL holds garbage; defaults stay out of the URL.
 */

const MAX_SERVICES = 100

const servicesParam = z
  .union([z.string(), z.array(z.unknown())])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .transform((list) => [...new Set(list.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length <= 512))].slice(0, MAX_SERVICES))
  .transform((list): string | string[] => (list.length === 1 ? list[0]! : list))

const severityParam = z
  .union([z.string(), z.array(z.unknown())])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .transform((list) => {
    const wanted = new Set(list.filter((s): s is (typeof severityLevels)[number] => (severityLevels as readonly unknown[]).includes(s)).map(levelOfSeverity))
    return levels.filter((level) => wanted.has(level))
  })

export const logSearchSchema = z.object({
  services: servicesParam.default([]).catch([]),
  severity: severityParam.default([]).catch([]),
  q: z.string().max(1024).default('').catch(''),
  filters: z.unknown().transform(parseFilterNodes).default([]).catch([]),
  order: orderBySchema.default('latest').catch('latest'),
  tz: z.enum(['local', 'utc']).default('local').catch('local'),
  wrap: z.boolean().default(false).catch(false),
  log: z.string().regex(/^[0-9a-fA-F-]{8,64}$/).optional().catch(undefined),
  logTs: z.iso.datetime({ offset: true }).optional().catch(undefined),
})

/**
 * A saved view's page (`/views/$shortId`): the same params, but `order` has no default, so it is in
 * the URL only once the view has been applied (every later change keeps it). A URL without it nor
 * any filter is a link to the view itself, which applies the view.
 */
export const viewPageSearchSchema = logSearchSchema.extend({ order: orderBySchema.optional().catch(undefined) })
export type ViewPageSearch = z.output<typeof viewPageSearchSchema>

/** The params as the URL holds them (`services` a string or a list). */
export type LogSearchParams = z.output<typeof logSearchSchema>
/** The params as the explorer uses them (`services` always a list). */
export type LogSearch = Omit<LogSearchParams, 'services'> & { services: string[] }
export type LogOrder = LogSearch['order']
export type TimeZoneMode = LogSearch['tz']

export function serviceList(services: string | readonly string[]): string[] {
  return typeof services === 'string' ? [services] : [...services]
}

/** Left out of the URL. */
export const logSearchDefaults = {
  services: [] as string[],
  severity: [] as Level[],
  q: '',
  filters: [] as FilterNode[],
  order: 'latest' as LogOrder,
  tz: 'local' as TimeZoneMode,
  wrap: false,
}

/** The part of the explorer's state a saved view keeps (with the time range). */
export interface ExplorerFilters {
  services: string[]
  severity: Level[]
  q: string
  filters: FilterNode[]
  order: LogOrder
}

/** How the URL writes services: one as a plain string, several as a list. */
export function servicesParamValue(services: readonly string[]): string | string[] {
  return services.length === 1 ? services[0]! : [...services]
}

export function pickExplorerFilters(search: Omit<ExplorerFilters, 'services'> & { services: string | readonly string[] }): ExplorerFilters {
  return { services: serviceList(search.services), severity: search.severity, q: search.q, filters: search.filters, order: search.order }
}
