import { z } from 'zod'
import { viewCreateSchema, viewPatchSchema } from '../../../src/contract/views'
import type { AppContext } from '../../context'
import { createView, deleteView, getView, listViews, updateView } from '../../store/views'
import type { ApiRoute } from '../api'
import { bodyObject } from '../body'
import { notFound } from '../errors'
import { pageParams, paginated } from '../pagination'
import { parse, queryWindow } from '../parse'

const pinnedParam = z.enum(['true', 'false', '1', '0']).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'))

/** A view that could not be applied is refused when it is saved, not when someone opens it. */
function checkApplicable(filters: { dateRange?: { date_from?: string | null; date_to?: string | null } | null } | undefined) {
  if (filters?.dateRange) queryWindow(filters.dateRange, 'filters__dateRange__date_from')
}

const shortIdOf = (req: { params: unknown }) => (req.params as { short_id: string }).short_id
const missing = (shortId: string) => notFound(`No saved view with short_id "${shortId.slice(0, 40)}".`)

export function viewRoutes(app: AppContext): ApiRoute[] {
  const { db } = app
  const replace = async (req: Parameters<ApiRoute['handler']>[0], ctx: Parameters<ApiRoute['handler']>[1], partial: boolean) => {
    const body = bodyObject(req.body)
    const changes = partial ? parse(viewPatchSchema, body) : parse(viewCreateSchema, body)
    checkApplicable(changes.filters)
    const view = await updateView(db, ctx.env.id, shortIdOf(req), changes)
    if (!view) throw missing(shortIdOf(req))
    return view
  }
  return [
    {
      method: 'GET',
      url: '/views',
      scope: 'read',
      handler: async (req, ctx) => {
        const page = pageParams(req.query)
        const pinned = parse(pinnedParam, (req.query as Record<string, unknown>).pinned, ['pinned'])
        const { count, results } = await listViews(db, ctx.env.id, { ...page, pinned })
        return paginated(req, page, count, results)
      },
    },
    {
      method: 'POST',
      url: '/views',
      scope: 'write',
      status: 201,
      handler: async (req, ctx) => {
        const v = parse(viewCreateSchema, bodyObject(req.body))
        checkApplicable(v.filters)
        return createView(db, ctx.env.id, ctx.userId, { name: v.name.trim(), filters: v.filters, pinned: v.pinned })
      },
    },
    {
      method: 'GET',
      url: '/views/:short_id',
      scope: 'read',
      handler: async (req, ctx) => (await getView(db, ctx.env.id, shortIdOf(req))) ?? Promise.reject(missing(shortIdOf(req))),
    },
    { method: 'PATCH', url: '/views/:short_id', scope: 'write', handler: (req, ctx) => replace(req, ctx, true) },
    { method: 'PUT', url: '/views/:short_id', scope: 'write', handler: (req, ctx) => replace(req, ctx, false) },
    {
      method: 'DELETE',
      url: '/views/:short_id',
      scope: 'write',
      handler: async (req, ctx) => {
        if (!(await deleteView(db, ctx.env.id, shortIdOf(req)))) throw missing(shortIdOf(req))
        return undefined
      },
    },
  ]
}
