import { fireEvent, screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { ROW_HEIGHT } from '../columns'

// Counts renders of each row's chart; deliberately not memoised, so it renders whenever its cell does.
const chartRenders = vi.hoisted(() => new Map<string, number>())
vi.mock('./sparkline-chart', () => ({
  SparklineChart: ({ summary }: { summary: string }) => {
    const service = summary.split(':')[0]!
    chartRenders.set(service, (chartRenders.get(service) ?? 0) + 1)
    return <svg data-testid={`chart ${service}`} />
  },
}))

const names = Array.from({ length: 200 }, (_, i) => `svc-${String(i).padStart(3, '0')}`)

beforeEach(() => {
  chartRenders.clear()
  mockViewport(6 * ROW_HEIGHT)
  server.use(
    http.post('*/api/environments/:env/logs/services', () =>
      HttpResponse.json(servicesResponse(names.map((name, i) => serviceRow(name, { log_count: 100_000 - i })))),
    ),
    http.post('*/api/environments/:env/logs/sparkline', async ({ request }) => {
      const { query } = (await request.json()) as { query: { serviceNames: string[] } }
      const bucket = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000).toISOString()
      return HttpResponse.json(query.serviceNames.map((service) => ({ time: bucket, severity: null, service, count: 7, bytes_uncompressed: 0 })))
    }),
  )
})

describe('Services table re-renders', () => {
  it('does not re-render a row’s chart when the table scrolls or other rows’ sparklines arrive', async () => {
    renderApp('/services')
    await screen.findByTestId('chart svc-005')
    await waitFor(() => expect(chartRenders.get('svc-000')).toBe(1))

    // Scroll by four rows: svc-004… stay on screen, new rows come in and fetch their sparklines.
    const region = screen.getByRole('region', { name: 'Services table' })
    region.scrollTop = 4 * ROW_HEIGHT
    fireEvent.scroll(region)
    await screen.findByTestId('chart svc-009')
    await new Promise((resolve) => setTimeout(resolve, 300))

    expect(chartRenders.get('svc-009')).toBe(1)
    for (const kept of ['svc-004', 'svc-005', 'svc-006']) expect(chartRenders.get(kept)).toBe(1)
  })
})
