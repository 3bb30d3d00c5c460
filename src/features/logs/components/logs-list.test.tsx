import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { LOGS_QUERY, logRow, serveLogs } from '../test-data'

const RULES = '*/api/environments/:env/logs/sampling_rules'

/** Data rows of the list (the header row is left out). */
function dataRows() {
  return within(screen.getByRole('grid', { name: 'Logs' }))
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-rowindex') !== '1')
}

beforeEach(() => mockViewport(600))

describe('Logs list states', () => {
  it('shows a skeleton of the list while the first page loads', async () => {
    server.use(
      http.post(LOGS_QUERY, async () => {
        await delay('infinite')
        return HttpResponse.json({})
      }),
      http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json({ results: [] })),
    )
    renderApp('/logs')
    expect(await screen.findByText('Loading logs…')).toHaveAttribute('role', 'status')
    expect(screen.queryByRole('grid')).not.toBeInTheDocument()
  })

  it('says what failed and retries', async () => {
    let calls = 0
    server.use(
      http.post(LOGS_QUERY, () => {
        calls += 1
        if (calls === 1) return HttpResponse.json({ type: 'server_error', code: 'error', detail: 'The log store is not reachable.', attr: null }, { status: 503 })
        return HttpResponse.json({ results: [logRow({ body: 'back again' })], hasMore: false, nextCursor: null })
      }),
      http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json({ results: [] })),
    )
    const { user } = renderApp('/logs')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not load logs')
    expect(alert).toHaveTextContent('The log store is not reachable.')
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText('back again')).toBeInTheDocument()
  })

  it('offers a wider range, clearing the filters, and the sampling rules that drop these logs when nothing matches', async () => {
    const queries = serveLogs({ results: [] })
    server.use(
      http.get(RULES, () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              id: '11111111-1111-4111-8111-111111111111',
              name: 'Drop checkout debug',
              enabled: true,
              priority: 0,
              rule_type: 'severity_sampling',
              scope_service: 'checkout',
              scope_path_pattern: null,
              scope_attribute_filters: [],
              config: { actions: { DEBUG: { type: 'drop' } } },
              version: 1,
              created_by: null,
              created_at: '2026-01-01T00:00:00Z',
              updated_at: '2026-01-01T00:00:00Z',
              summary_string: 'DEBUG: drop',
            },
          ],
        }),
      ),
    )
    const { user, searchParams } = renderApp('/logs?services=checkout')

    expect(await screen.findByRole('heading', { name: 'No logs match these filters' })).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'Drop checkout debug' })).toHaveAttribute('href', '/sampling-rules/11111111-1111-4111-8111-111111111111')
    expect(screen.getByText('· DEBUG: drop')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Last 24 hours' }))
    await waitFor(() => expect(searchParams().get('from')).toBe('-24h'))
    await waitFor(() => expect(queries.at(-1)?.dateRange).toEqual({ date_from: '-24h', date_to: null }))

    await user.click(await screen.findByRole('button', { name: 'Clear all filters' }))
    await waitFor(() => expect(searchParams().has('services')).toBe(false))
  })
})

describe('Logs list', () => {
  it('renders bodies and attributes as text, whatever they contain', async () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    serveLogs({ results: [logRow({ body: hostile, attributes: { note: '<b>bold?</b>' } })] })
    const { user, container } = renderApp('/logs')

    await user.click(await screen.findByText(hostile))
    expect(within(await screen.findByRole('dialog', { name: 'Log details' })).getByTestId('log-body')).toHaveTextContent(hostile)
    expect(screen.getByText('<b>bold?</b>')).toBeInTheDocument()
    expect(container.querySelector('img, script, b')).toBeNull()
  })

  it('loads the next page with the cursor as the end scrolls into view, and says when it has all', async () => {
    const first = Array.from({ length: 100 }, (_, i) => logRow({ body: `first page ${i}` }))
    const second = Array.from({ length: 30 }, (_, i) => logRow({ body: `second page ${i}` }))
    const queries = serveLogs({ results: first, hasMore: true, nextCursor: 'cursor-1' }, { results: second, hasMore: false, nextCursor: null })
    renderApp('/logs?order=earliest')

    await screen.findByText('first page 0')
    expect(dataRows().length).toBeLessThan(60)
    const grid = screen.getByRole('grid', { name: 'Logs' })
    const scroller = grid.parentElement!
    scroller.scrollTop = 100 * 32
    fireEvent.scroll(scroller)

    await waitFor(() => expect(queries).toHaveLength(2))
    expect(queries[1]).toMatchObject({ after: 'cursor-1', orderBy: 'earliest', limit: 100 })
    expect(queries[0]!.after).toBeUndefined()
    expect(await screen.findByText('End of results · 130 logs')).toBeInTheDocument()
    expect(grid).toHaveAttribute('aria-rowcount', '131')
  })

  it('moves with j/k and the arrows, opens with Enter, closes with Escape, and / focuses the search', async () => {
    const rows = [logRow({ body: 'line one' }), logRow({ body: 'line two' }), logRow({ body: 'line three' })]
    serveLogs({ results: rows })
    const { user, searchParams } = renderApp('/logs')
    await screen.findByText('line one')

    await user.keyboard('j')
    const grid = screen.getByRole('grid', { name: 'Logs' })
    expect(grid).toHaveFocus()
    expect(grid).toHaveAttribute('aria-activedescendant', `log-row-${rows[0]!.uuid}`)
    await user.keyboard('jk{ArrowDown}')
    expect(grid).toHaveAttribute('aria-activedescendant', `log-row-${rows[1]!.uuid}`)
    await user.keyboard('{Enter}')

    const drawer = await screen.findByRole('dialog', { name: 'Log details' })
    expect(within(drawer).getByTestId('log-body')).toHaveTextContent('line two')
    expect(searchParams().get('log')).toBe(rows[1]!.uuid)
    expect(searchParams().get('logTs')).toBe(rows[1]!.timestamp)

    // With the drawer open, moving shows the next log.
    await user.keyboard('j')
    await waitFor(() => expect(within(screen.getByRole('dialog', { name: 'Log details' })).getByTestId('log-body')).toHaveTextContent('line three'))

    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log details' })).not.toBeInTheDocument())
    expect(searchParams().has('log')).toBe(false)

    await user.keyboard('/')
    expect(screen.getByRole('searchbox', { name: 'Search log messages' })).toHaveFocus()
    await user.keyboard('jk')
    expect(screen.getByRole('searchbox', { name: 'Search log messages' })).toHaveValue('jk')
  })

  it('turns values of the open log into filters, and the trace id into all logs of its trace', async () => {
    const row = logRow({ body: 'payment failed', service_name: 'payments', attributes: { 'http.status_code': '504' }, resource_attributes: { 'host.name': 'db-1' } })
    serveLogs({ results: [row] })
    const { user, searchParams } = renderApp('/logs?severity=["error"]')
    await user.click(await screen.findByText('payment failed'))
    const drawer = await screen.findByRole('dialog', { name: 'Log details' })

    await user.click(within(drawer).getByRole('button', { name: 'Filter by http.status_code = 504' }))
    await waitFor(() => expect(JSON.parse(searchParams().get('filters')!)).toEqual([{ key: 'http.status_code', type: 'log_attribute', operator: 'exact', value: '504' }]))

    await user.click(within(drawer).getByRole('button', { name: 'Exclude host.name = db-1' }))
    await waitFor(() => expect(JSON.parse(searchParams().get('filters')!)).toContainEqual({ key: 'host.name', type: 'log_resource_attribute', operator: 'is_not', value: 'db-1' }))

    await user.click(within(drawer).getByRole('button', { name: 'Filter by this service' }))
    await waitFor(() => expect(searchParams().get('services')).toBe('payments'))

    await user.click(within(drawer).getByRole('button', { name: `Show all logs of trace ${row.trace_id}` }))
    await waitFor(() => expect(JSON.parse(searchParams().get('filters')!)).toEqual([{ key: 'trace_id', type: 'log', operator: 'exact', value: row.trace_id }]))
    expect(searchParams().has('services')).toBe(false)
    expect(searchParams().has('severity')).toBe(false)
  })

  it('reopens a log from a shared link even when it is not on the first page', async () => {
    const shared = logRow({ body: 'the shared one', timestamp: '2026-03-02T10:00:00.123Z' })
    const lookups: unknown[] = []
    server.use(
      http.post(LOGS_QUERY, async ({ request }) => {
        const { query } = (await request.json()) as { query: { dateRange: { date_from: string; date_to: string }; limit: number } }
        if (query.dateRange.date_from === shared.timestamp) {
          lookups.push(query.dateRange)
          return HttpResponse.json({ results: [logRow(), shared], hasMore: false, nextCursor: null })
        }
        return HttpResponse.json({ results: [logRow({ body: 'another log' })], hasMore: false, nextCursor: null })
      }),
      http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json({ results: [] })),
    )
    renderApp(`/logs?from=2026-03-02T09:45:00.000Z&to=2026-03-02T10:15:00.000Z&log=${shared.uuid}&logTs=${shared.timestamp}`)

    const drawer = await screen.findByRole('dialog', { name: 'Log details' })
    expect(await within(drawer).findByTestId('log-body')).toHaveTextContent('the shared one')
    expect(lookups).toEqual([{ date_from: '2026-03-02T10:00:00.123Z', date_to: '2026-03-02T10:00:00.124Z' }])
  })

  it('copies a link that reopens the log with a time range around it', async () => {
    const row = logRow({ body: 'copy me', timestamp: new Date(Date.now() - 60_000).toISOString() })
    serveLogs({ results: [row] })
    const { user } = renderApp('/logs?severity=["info"]')
    await user.click(await screen.findByText('copy me'))
    await user.click(within(await screen.findByRole('dialog', { name: 'Log details' })).getByRole('button', { name: 'Copy link' }))

    const link = new URL(await navigator.clipboard.readText())
    const ms = Date.parse(row.timestamp)
    expect(link.pathname).toBe('/logs')
    expect(link.searchParams.get('log')).toBe(row.uuid)
    expect(link.searchParams.get('logTs')).toBe(row.timestamp)
    expect(link.searchParams.get('severity')).toBe('["info"]')
    expect(link.searchParams.get('from')).toBe(new Date(ms - 15 * 60_000).toISOString())
    expect(link.searchParams.get('to')).toBe(new Date(ms + 15 * 60_000).toISOString())
  })
})
