import type { FastifyRequest } from 'fastify'
import { pageParamsSchema, type PageParams, type Paginated } from '../../src/contract/pagination'
import { parse } from './parse'

export function pageParams(query: unknown): PageParams {
  return parse(pageParamsSchema, query ?? {})
}

/** `{count, next, previous, results}` with absolute next/previous URLs (DRF's LimitOffsetPagination). */
export function paginated<T>(req: FastifyRequest, page: PageParams, count: number, results: T[]): Paginated<T> {
  const url = new URL(req.url, `${req.protocol}://${req.host}`)
  const at = (offset: number) => {
    const u = new URL(url)
    u.searchParams.set('limit', String(page.limit))
    if (offset <= 0) u.searchParams.delete('offset')
    else u.searchParams.set('offset', String(offset))
    return u.toString()
  }
  return {
    count,
    next: page.offset + page.limit < count ? at(page.offset + page.limit) : null,
    previous: page.offset > 0 ? at(Math.max(0, page.offset - page.limit)) : null,
    results,
  }
}
