import { z } from 'zod'
import { attributeTypeSchema, type ServicesResponse } from '../../../src/contract/logs'
import { pageParamsSchema } from '../../../src/contract/pagination'
import {
  dateRangeSchema,
  filterGroupSchema,
  logsQueryBodySchema,
  servicesBodySchema,
  sparklineBodySchema,
} from '../../../src/contract/query'
import type { AppContext } from '../../context'
import { listAttributeKeys, listAttributeValues, queryLogs, serviceSparkline, serviceStats, sparkline } from '../../store/logs'
import type { ApiRoute } from '../api'
import { bodyObject } from '../body'
import { jsonParam, parse, queryWindow } from '../parse'

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits
/** Sparklines come with at most this many services (ours: the services table asks for the rest lazily). */
const SERVICES_SPARKLINE_LIMIT = 100

const attributesParamsSchema = pageParamsSchema.extend({
  attribute_type: attributeTypeSchema.default('log'),
  search: z.string().max(512).default(''),
})
const valuesParamsSchema = pageParamsSchema.extend({
  key: z.string({ error: 'key is required.' }).min(1).max(512),
  attribute_type: attributeTypeSchema.default('log'),
  value: z.string().max(1024).default(''),
})
const serviceNamesSchema = z.array(z.string().max(512)).max(1000).default([])

/** A `query` sent as a JSON string (form bodies, some clients) is read as the object it encodes. */
function queryBody(body: unknown) {
  const b = bodyObject(body)
  if (typeof b.query === 'string') return { ...b, query: jsonParam('query', b.query) }
  return b
}

export function logRoutes(app: AppContext): ApiRoute[] {
  const { db } = app
  return [
    {
      method: 'POST',
      url: '/query',
      scope: 'read',
      handler: async (req, ctx) => {
        const { query: q } = parse(logsQueryBodySchema, queryBody(req.body))
        return queryLogs(db, {
          envId: ctx.env.id,
          ...queryWindow(q.dateRange, 'query__dateRange__date_from'),
          severityLevels: q.severityLevels,
          serviceNames: q.serviceNames,
          searchTerm: q.searchTerm,
          filterGroup: q.filterGroup,
          orderBy: q.orderBy ?? 'latest',
          limit: q.limit ?? 100,
          after: q.after,
        })
      },
    },
    {
      method: 'GET',
      url: '/attributes',
      scope: 'read',
      handler: async (req, ctx) => {
        const raw = req.query as Record<string, unknown>
        const params = parse(attributesParamsSchema, raw)
        const dateRange = parse(dateRangeSchema.nullish(), jsonParam('dateRange', raw.dateRange), ['dateRange'])
        const serviceNames = parse(serviceNamesSchema, jsonParam('serviceNames', raw.serviceNames), ['serviceNames'])
        return listAttributeKeys(db, {
          envId: ctx.env.id,
          ...queryWindow(dateRange),
          kind: params.attribute_type,
          search: params.search,
          serviceNames,
          limit: params.limit,
          offset: params.offset,
        })
      },
    },
    {
      method: 'GET',
      url: '/values',
      scope: 'read',
      handler: async (req, ctx) => {
        const raw = req.query as Record<string, unknown>
        const params = parse(valuesParamsSchema, raw)
        const dateRange = parse(dateRangeSchema.nullish(), jsonParam('dateRange', raw.dateRange), ['dateRange'])
        const serviceNames = parse(serviceNamesSchema, jsonParam('serviceNames', raw.serviceNames), ['serviceNames'])
        const filterGroupRaw = jsonParam('filterGroup', raw.filterGroup)
        const filterGroup = filterGroupRaw === undefined ? undefined : parse(filterGroupSchema, filterGroupRaw, ['filterGroup'])
        const results = await listAttributeValues(db, {
          envId: ctx.env.id,
          ...queryWindow(dateRange),
          serviceNames,
          filterGroup,
          kind: params.attribute_type,
          key: params.key,
          value: params.value,
          limit: params.limit,
          offset: params.offset,
        })
        return { results, refreshing: false }
      },
    },
    {
      method: 'POST',
      url: '/sparkline',
      scope: 'read',
      handler: async (req, ctx) => {
        const { query: q } = parse(sparklineBodySchema, queryBody(req.body))
        const results = await sparkline(
          db,
          {
            envId: ctx.env.id,
            ...queryWindow(q.dateRange, 'query__dateRange__date_from'),
            severityLevels: q.severityLevels,
            serviceNames: q.serviceNames,
            searchTerm: q.searchTerm,
            filterGroup: q.filterGroup,
          },
          q.sparklineBreakdownBy ?? 'severity',
        )
        return { results }
      },
    },
    {
      method: 'POST',
      url: '/services',
      scope: 'read',
      handler: async (req, ctx): Promise<ServicesResponse> => {
        const { query: q } = parse(servicesBodySchema, queryBody(req.body))
        const filter = {
          envId: ctx.env.id,
          ...queryWindow(q.dateRange, 'query__dateRange__date_from'),
          severityLevels: q.severityLevels,
          serviceNames: q.serviceNames,
          searchTerm: q.searchTerm,
          filterGroup: q.filterGroup,
        }
        const { services, totalLogs } = await serviceStats(db, filter)
        const search = q.serviceNameSearch?.trim().toLowerCase()
        const matching = search ? services.filter((s) => s.service_name.toLowerCase().includes(search)) : services
        const page = matching.slice(0, q.limit ?? 25)
        const share = (n: number) => (totalLogs === 0 ? 0 : round((100 * n) / totalLogs, 2))
        const top = page.slice(0, 5)
        const rules = app.rules.activeRulesByService(ctx.env.id)
        const sparklineServices = page.slice(0, SERVICES_SPARKLINE_LIMIT).map((s) => s.service_name)
        // When those are all the window's services (the usual case), the filter would select everything anyway.
        const everyService = sparklineServices.length === services.length
        return {
          services: page.map((s) => ({
            ...s,
            error_rate: s.log_count === 0 ? 0 : round(s.error_count / s.log_count, 4),
            volume_share_pct: share(s.log_count),
            active_rules: rules(s.service_name),
          })),
          sparkline: await serviceSparkline(db, everyService ? filter : { ...filter, serviceNames: sparklineServices }),
          summary: {
            top_services_count: top.length,
            top_services_volume_share_pct: share(top.reduce((n, s) => n + s.log_count, 0)),
          },
          total_services: matching.length,
        }
      },
    },
  ]
}

