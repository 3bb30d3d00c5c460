import { delay, http, HttpResponse } from 'msw'
import type { View } from '@/contract/views'
import { server } from '@/test/server'

/** A small in-memory views API (and an explorer with one log) for the views component tests. */
let serial = 0

export function savedView(overrides: Partial<View> = {}): View {
  serial += 1
  return {
    id: `7a1f2c9e-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    short_id: `View${String(serial).padStart(4, '0')}`,
    name: `View ${serial}`,
    filters: { dateRange: { date_from: '-24h', date_to: null }, severityLevels: ['error'], serviceNames: ['checkout'], orderBy: 'latest' },
    pinned: false,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, serial)).toISOString(),
    created_by: { id: 1, uuid: 'u-1', distinct_id: 'd-1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' },
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  }
}

export interface ViewsApi {
  views: View[]
  requests: { method: string; shortId?: string; body?: unknown }[]
  logQueries: Record<string, unknown>[]
  /** The next PATCH waits for this promise (to look at the optimistic state), or fails with 500. */
  nextPatch: { hold?: Promise<void>; fail?: boolean }
}

const list = (views: View[]) => ({ count: views.length, next: null, previous: null, results: views })

export function serveViews(initial: View[]): ViewsApi {
  const api: ViewsApi = { views: [...initial], requests: [], logQueries: [], nextPatch: {} }
  const find = (shortId: string) => api.views.find((v) => v.short_id === shortId)
  server.use(
    http.get('*/api/environments/:env/logs/views', ({ request }) => {
      const pinned = new URL(request.url).searchParams.get('pinned') === 'true'
      const sorted = [...api.views].sort((a, b) => b.created_at.localeCompare(a.created_at))
      return HttpResponse.json(list(pinned ? sorted.filter((v) => v.pinned) : sorted))
    }),
    http.get('*/api/environments/:env/logs/views/:shortId', ({ params }) => {
      const view = find(String(params.shortId))
      return view
        ? HttpResponse.json(view)
        : HttpResponse.json({ type: 'invalid_request', code: 'not_found', detail: `No saved view with short_id "${String(params.shortId)}".`, attr: null }, { status: 404 })
    }),
    http.post('*/api/environments/:env/logs/views', async ({ request }) => {
      const body = (await request.json()) as Pick<View, 'name' | 'filters' | 'pinned'>
      api.requests.push({ method: 'POST', body })
      const created = savedView({ name: body.name, filters: body.filters, pinned: body.pinned ?? false, created_at: new Date().toISOString() })
      api.views.push(created)
      return HttpResponse.json(created, { status: 201 })
    }),
    http.patch('*/api/environments/:env/logs/views/:shortId', async ({ request, params }) => {
      const shortId = String(params.shortId)
      const body = (await request.json()) as Partial<View>
      api.requests.push({ method: 'PATCH', shortId, body })
      const { hold, fail } = api.nextPatch
      api.nextPatch = {}
      if (hold) await hold
      if (fail) return HttpResponse.json({ type: 'server_error', code: 'error', detail: 'The store is read-only.', attr: null }, { status: 500 })
      const view = find(shortId)!
      Object.assign(view, body, { updated_at: new Date().toISOString() })
      return HttpResponse.json(view)
    }),
    http.delete('*/api/environments/:env/logs/views/:shortId', ({ params }) => {
      const shortId = String(params.shortId)
      api.requests.push({ method: 'DELETE', shortId })
      api.views = api.views.filter((v) => v.short_id !== shortId)
      return new HttpResponse(null, { status: 204 })
    }),
    http.post('*/api/environments/:env/logs/query', async ({ request }) => {
      const { query } = (await request.json()) as { query: Record<string, unknown> }
      api.logQueries.push(query)
      await delay(5)
      return HttpResponse.json({ results: [], hasMore: false, nextCursor: null })
    }),
    http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json({ results: [] })),
    http.get('*/api/environments/:env/logs/sampling_rules', () => HttpResponse.json(list([]))),
  )
  return api
}
