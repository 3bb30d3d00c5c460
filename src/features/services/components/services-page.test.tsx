import { screen, waitFor, within } from '@testing-library/react'
import { delay, http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

const SERVICES = '*/api/environments/:env/logs/services'
const SPARKLINE = '*/api/environments/:env/logs/sparkline'

function sparklineIsEmpty() {
  server.use(http.post(SPARKLINE, () => HttpResponse.json({ results: [] })))
}

/** Data rows of the services table (the header row is left out). */
function dataRows() {
  const table = screen.getByRole('table', { name: 'Services' })
  return within(table).getAllByRole('row').slice(1).filter((row) => within(row).queryByRole('rowheader'))
}

describe('Services page states', () => {
  beforeEach(() => mockViewport(600))

  it('shows a skeleton shaped like the table while services load', async () => {
    server.use(
      http.post(SERVICES, async () => {
        await delay('infinite')
        return HttpResponse.json({})
      }),
    )
    renderApp('/services')

    expect(await screen.findByRole('status')).toHaveTextContent('Loading services…')
    const table = screen.getByRole('table', { name: 'Services' })
    expect(table).toHaveAttribute('aria-busy', 'true')
    expect(within(table).getByRole('columnheader', { name: 'Log volume' })).toBeInTheDocument()
    expect(within(table).queryByRole('rowheader')).not.toBeInTheDocument()
  })

  it('says the window is empty and links to a wider range that refetches', async () => {
    const requested: unknown[] = []
    server.use(
      http.post(SERVICES, async ({ request }) => {
        const body = (await request.json()) as { query: { dateRange: unknown } }
        requested.push(body.query.dateRange)
        return HttpResponse.json(servicesResponse([], { summary: { top_services_count: 0, top_services_volume_share_pct: 0 } }))
      }),
    )
    const { user, searchParams } = renderApp('/services')

    expect(await screen.findByRole('heading', { name: 'No logs in this window' })).toBeInTheDocument()
    expect(screen.getByText(/OTEL_EXPORTER_OTLP_ENDPOINT=http:\/\/127\.0\.0\.1:4318/)).toBeInTheDocument()
    expect(screen.getByText('POST /v1/logs')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Last 7 days' })).toBeInTheDocument()

    await user.click(screen.getByRole('link', { name: 'Last 24 hours' }))

    await waitFor(() => expect(searchParams().get('from')).toBe('-24h'))
    await waitFor(() => expect(requested).toContainEqual({ date_from: '-24h', date_to: null }))
    expect(requested[0]).toEqual({ date_from: '-1h', date_to: null })
  })

  it('shows the API error detail and refetches on Retry', async () => {
    let calls = 0
    sparklineIsEmpty()
    server.use(
      http.post(SERVICES, () => {
        calls += 1
        if (calls === 1) {
          return HttpResponse.json(
            { type: 'server_error', code: 'error', detail: 'The log store is not reachable.', attr: null },
            { status: 503 },
          )
        }
        return HttpResponse.json(servicesResponse([serviceRow('checkout')]))
      }),
    )
    const { user } = renderApp('/services')

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not load services')
    expect(alert).toHaveTextContent('The log store is not reachable.')
    expect(alert).toHaveTextContent('HTTP 503')

    await user.click(within(alert).getByRole('button', { name: 'Retry' }))

    expect(await screen.findByRole('rowheader', { name: /checkout/ })).toBeInTheDocument()
    expect(calls).toBe(2)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('lists every service with its numbers, rules and a link to its logs', async () => {
    sparklineIsEmpty()
    server.use(
      http.post(SERVICES, () =>
        HttpResponse.json(
          servicesResponse(
            [
              serviceRow('checkout', { log_count: 5000, error_count: 300, error_rate: 0.06, volume_share_pct: 50 }),
              serviceRow('search', {
                log_count: 3000,
                error_count: 45,
                error_rate: 0.015,
                volume_share_pct: 30,
                active_rules: [{ rule_id: 'r-1', rule_name: 'Drop health checks', summary_string: 'path_drop /health' }],
              }),
              serviceRow('(no service)', { log_count: 2000, error_count: 2, error_rate: 0.001, volume_share_pct: 20 }),
            ],
            { total_services: undefined, summary: { top_services_count: 3, top_services_volume_share_pct: 100 } },
          ),
        ),
      ),
    )
    const { user, router } = renderApp('/services?from=-24h')

    await screen.findByRole('rowheader', { name: /checkout/ })
    const rows = dataRows()
    expect(rows.map((row) => within(row).getAllByRole('link')[0]!.textContent)).toEqual(['checkout', 'search', '(no service)'])
    const cells = within(rows[0]!).getAllByRole('cell')
    expect(cells[0]).toHaveTextContent('5,000')
    expect(cells[1]).toHaveTextContent('50 %')
    expect(cells[2]).toHaveTextContent('300')
    expect(cells[3]).toHaveTextContent('6.00 % (high)')
    expect(within(rows[1]!).getAllByRole('cell')[3]).toHaveTextContent('1.50 % (elevated)')
    expect(within(rows[0]!).getByRole('img', { name: /^Severity mix: debug/ })).toBeInTheDocument()

    // Without total_services (a PostHog backend) the row count is the number of services.
    const summary = within(screen.getByRole('heading', { level: 1, name: 'Services' }).closest('header')!)
    expect(summary.getByText('Last 24 hours')).toBeInTheDocument()
    expect(summary.getByText('3 services')).toBeInTheDocument()
    expect(summary.getByText('Top 3 services: 100 % of volume')).toBeInTheDocument()
    expect(screen.getByText(/Logs whose resource had no service\.name attribute/, { selector: 'p' })).toBeInTheDocument()

    const rule = within(rows[1]!).getByRole('link', { name: 'Drop health checks' })
    expect(rule).toHaveAttribute('href', '/sampling-rules/r-1?from=-24h')

    const logsLink = within(rows[0]!).getByRole('link', { name: 'checkout' })
    expect(logsLink).toHaveAttribute('href', '/logs?services=checkout&from=-24h')

    // Clicking elsewhere on a row opens the same logs; what the Logs page then loads is not under test here.
    server.use(http.all('*/api/environments/:env/logs/*', () => HttpResponse.json({}, { status: 503 })))
    await user.click(within(rows[1]!).getAllByRole('cell')[0]!)
    await waitFor(() => expect(router.state.location.pathname).toBe('/logs'))
    // The Logs page owns how it spells its filter (one name or a list); it must select this service.
    const search = router.state.location.search as { services?: string | string[]; from?: string }
    expect([search.services].flat()).toEqual(['search'])
    expect(search.from).toBe('-24h')
  })

  it('copies the absolute link to a service\'s logs and confirms with a toast', async () => {
    sparklineIsEmpty()
    server.use(http.post(SERVICES, () => HttpResponse.json(servicesResponse([serviceRow('checkout')]))))
    const { user } = renderApp('/services?from=-6h&sort=error_rate')

    await user.click(await screen.findByRole('button', { name: 'Copy link to checkout logs' }))

    const expected = `${window.location.origin}/logs?services=checkout&from=-6h`
    expect(await navigator.clipboard.readText()).toBe(expected)
    const notifications = screen.getByRole('region', { name: 'Notifications' })
    expect(within(notifications).getByRole('status')).toHaveTextContent(`Link copied${expected}`)
  })
})
