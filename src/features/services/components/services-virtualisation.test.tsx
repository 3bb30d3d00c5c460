import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { ROW_HEIGHT } from '../columns'

const COUNT = 2000
const names = Array.from({ length: COUNT }, (_, i) => `svc-${String(i).padStart(4, '0')}`)
let sparklineRequests: { serviceNames: string[]; sparklineBreakdownBy: string; dateRange: unknown }[] = []

function renderedServices(): string[] {
  const table = screen.getByRole('table', { name: 'Services' })
  // One role query for the row headers; per-cell role queries are slow in jsdom.
  return within(table)
    .getAllByRole('rowheader')
    .map((header) => header.querySelector('a')?.textContent ?? '')
}

const requestedServices = () => sparklineRequests.flatMap((r) => r.serviceNames)

// The chart is lazily imported by the page; transforming Recharts once up front keeps the test quick.
beforeAll(() => import('./sparkline-chart'))

beforeEach(() => {
  sparklineRequests = []
  mockViewport(6 * ROW_HEIGHT)
  server.use(
    http.post('*/api/environments/:env/logs/services', () =>
      HttpResponse.json(servicesResponse(names.map((name, i) => serviceRow(name, { log_count: 100_000 - i })))),
    ),
    http.post('*/api/environments/:env/logs/sparkline', async ({ request }) => {
      const { query } = (await request.json()) as { query: (typeof sparklineRequests)[number] }
      sparklineRequests.push(query)
      const bucket = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000).toISOString()
      return HttpResponse.json(
        query.serviceNames.map((service) => ({ time: bucket, severity: null, service, count: 42, bytes_uncompressed: 0 })),
      )
    }),
  )
})

describe('Services table virtualisation', () => {
  it('renders only the rows in view and asks sparklines for exactly those rows, batched', async () => {
    renderApp('/services')
    await screen.findByText('svc-0000')

    const rendered = renderedServices()
    expect(rendered.length).toBeGreaterThanOrEqual(6)
    expect(rendered.length).toBeLessThan(20)
    expect(screen.getByRole('table', { name: 'Services' })).toHaveAttribute('aria-rowcount', String(COUNT + 1))

    await waitFor(() => expect(new Set(requestedServices())).toEqual(new Set(rendered)))
    expect(sparklineRequests.length).toBeLessThanOrEqual(Math.ceil(rendered.length / 25) + 1)
    for (const request of sparklineRequests) {
      expect(request.sparklineBreakdownBy).toBe('service')
      expect(request.serviceNames.length).toBeLessThanOrEqual(25)
      expect(request.dateRange).toEqual({ date_from: '-1h', date_to: null })
    }

    // The row shows its zero-filled series at once as a static SVG, then the Recharts chart (loaded
    // lazily, mounted a few per frame) takes its place; both are titled with the summary.
    const firstRow = screen.getByText('svc-0000').closest('tr')!
    await waitFor(() => expect(firstRow.querySelector('.recharts-wrapper')).not.toBeNull())
    expect(firstRow.querySelector('[data-sparkline="static"]')).toBeNull()
    expect(within(firstRow).getByTitle('svc-0000: 42 logs, peak 42 at', { exact: false })).toBeInTheDocument()

    // Scrolling far down renders other rows, and only those ask for sparklines.
    const before = requestedServices().length
    const region = screen.getByRole('region', { name: 'Services table' })
    region.scrollTop = 1000 * ROW_HEIGHT
    fireEvent.scroll(region)

    await screen.findByText('svc-1000')
    const afterScroll = renderedServices()
    expect(afterScroll).not.toContain('svc-0000')
    await waitFor(() => expect(requestedServices().slice(before)).toEqual(expect.arrayContaining(afterScroll)))
    expect(new Set(requestedServices().slice(before))).toEqual(new Set(afterScroll))
    expect(requestedServices().length).toBeLessThan(80)

    // A row whose sparkline is cached does not ask again when it scrolls back into view.
    const total = sparklineRequests.length
    region.scrollTop = 0
    fireEvent.scroll(region)
    await screen.findByText('svc-0000')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(sparklineRequests.length).toBe(total)
  })
})
