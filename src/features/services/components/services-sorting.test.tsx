import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

function serviceOrder(): string[] {
  const table = screen.getByRole('table', { name: 'Services' })
  // One role query for the row headers; per-cell role queries are slow in jsdom.
  return within(table)
    .getAllByRole('rowheader')
    .map((header) => header.querySelector('a')?.textContent ?? '')
}

beforeEach(() => {
  mockViewport(600)
  server.use(
    http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json([])),
    http.post('*/api/environments/:env/logs/services', () =>
      HttpResponse.json(
        servicesResponse([
          serviceRow('api', { log_count: 9000, error_count: 90, error_rate: 0.01 }),
          serviceRow('billing', { log_count: 500, error_count: 100, error_rate: 0.2 }),
          serviceRow('cron', { log_count: 2000, error_count: 0, error_rate: 0 }),
        ]),
      ),
    ),
  )
})

describe('Services sorting', () => {
  it('sorts by log volume by default and by any numeric column when its header is clicked', async () => {
    const { user, searchParams } = renderApp('/services')
    await screen.findByRole('link', { name: 'api' })
    expect(serviceOrder()).toEqual(['api', 'cron', 'billing'])
    expect(screen.getByRole('columnheader', { name: 'Log volume' })).toHaveAttribute('aria-sort', 'descending')
    expect(searchParams().has('sort')).toBe(false)

    await user.click(screen.getByRole('button', { name: 'Error rate' }))

    await waitFor(() => expect(serviceOrder()).toEqual(['billing', 'api', 'cron']))
    expect(searchParams().get('sort')).toBe('error_rate')
    expect(searchParams().get('dir')).toBeNull()
    expect(screen.getByRole('columnheader', { name: 'Error rate' })).toHaveAttribute('aria-sort', 'descending')
    expect(screen.getByRole('columnheader', { name: 'Log volume' })).not.toHaveAttribute('aria-sort')

    await user.click(screen.getByRole('button', { name: 'Error rate' }))

    await waitFor(() => expect(serviceOrder()).toEqual(['cron', 'api', 'billing']))
    expect(searchParams().get('sort')).toBe('error_rate')
    expect(searchParams().get('dir')).toBe('asc')
    expect(screen.getByRole('columnheader', { name: 'Error rate' })).toHaveAttribute('aria-sort', 'ascending')
  })

  it('reads the order from the URL, sorts names A→Z first, and ignores a broken sort param', async () => {
    const first = renderApp('/services?sort=error_count&dir=asc')
    await screen.findByRole('link', { name: 'api' })
    expect(serviceOrder()).toEqual(['cron', 'api', 'billing'])

    await first.user.click(screen.getByRole('button', { name: 'Service' }))
    await waitFor(() => expect(serviceOrder()).toEqual(['api', 'billing', 'cron']))
    expect(first.searchParams().get('sort')).toBe('service_name')
    expect(first.searchParams().get('dir')).toBe('asc')
    first.unmount()

    renderApp('/services?sort=%22bogus%22&dir=sideways')
    await screen.findByRole('link', { name: 'api' })
    expect(serviceOrder()).toEqual(['api', 'cron', 'billing'])
  })
})
