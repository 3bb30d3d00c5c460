import { http, HttpResponse } from 'msw'
import type { LogRow } from '@/contract/logs'
import { server } from '@/test/server'

/** Test data and handlers for the explorer's component tests. */
let counter = 0

export function logRow(overrides: Partial<LogRow> = {}): LogRow {
  counter += 1
  const n = String(counter).padStart(12, '0')
  return {
    uuid: `00000000-0000-4000-8000-${n}`,
    timestamp: new Date(Date.now() - counter * 1000).toISOString(),
    observed_timestamp: null,
    severity_text: 'INFO',
    severity_number: 9,
    level: 'info',
    service_name: 'checkout',
    body: `GET /checkout/${counter} 200`,
    attributes: { 'http.route': '/checkout/:id' },
    resource_attributes: { 'host.name': 'host-1' },
    trace_id: '0af7651916cd43dd8448eb211c80319c',
    span_id: 'b7ad6b7169203331',
    event_name: '',
    ...overrides,
  }
}

export interface RecordedQuery {
  dateRange?: unknown
  severityLevels?: string[]
  serviceNames?: string[]
  searchTerm?: string
  filterGroup?: unknown
  orderBy?: string
  limit?: number
  after?: string
}

export const LOGS_QUERY = '*/api/environments/:env/logs/query'
const LOGS_SPARKLINE = '*/api/environments/:env/logs/sparkline'

/**
 * Answers `logs/query` with `pages` (one per request, the last one repeating) and an empty
 * sparkline; returns the query bodies as they arrive.
 */
export function serveLogs(...pages: { results: LogRow[]; hasMore?: boolean; nextCursor?: string | null }[]): RecordedQuery[] {
  const seen: RecordedQuery[] = []
  server.use(
    http.post(LOGS_QUERY, async ({ request }) => {
      const { query } = (await request.json()) as { query: RecordedQuery }
      seen.push(query)
      const page = pages[Math.min(seen.length - 1, pages.length - 1)] ?? { results: [] }
      return HttpResponse.json({ results: page.results, hasMore: page.hasMore ?? false, nextCursor: page.nextCursor ?? null })
    }),
    http.post(LOGS_SPARKLINE, () => HttpResponse.json({ results: [] })),
  )
  return seen
}
