import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { differsFromView, fromViewFilters } from '@/lib/log-filters/log-query'
import { mockViewport, renderApp } from '@/test/render-app'
import { savedView, serveViews } from '../test-views'

beforeEach(() => mockViewport(600))

const checkoutErrors = () =>
  savedView({
    short_id: 'Ab3dE6gH',
    name: 'Checkout errors',
    filters: {
      dateRange: { date_from: '-24h', date_to: null },
      severityLevels: ['error'],
      serviceNames: ['checkout'],
      filterGroup: { type: 'AND', values: [{ type: 'AND', values: [{ key: 'http.route', operator: 'exact', type: 'log_attribute', value: '/pay' }] }] },
      orderBy: 'latest',
      customField: 'kept',
    },
  })

describe('Saved view page', () => {
  it('applies the view, time range included, when entered through a link without filters', async () => {
    const api = serveViews([checkoutErrors()])
    const { searchParams } = renderApp('/views/Ab3dE6gH?from=-6h')

    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout errors' })).toBeInTheDocument()
    expect(searchParams().get('from')).toBe('-24h')
    expect(searchParams().get('services')).toBe('checkout')
    expect(searchParams().get('severity')).toBe('["error"]')
    expect(await screen.findByText(/Showing the view as saved/)).toBeInTheDocument()
    await waitFor(() =>
      expect(api.logQueries.at(-1)).toMatchObject({
        dateRange: { date_from: '-24h', date_to: null },
        severityLevels: ['error'],
        serviceNames: ['checkout'],
        filterGroup: { type: 'AND', values: [{ key: 'http.route', value: '/pay' }] },
      }),
    )
  })

  it('shows when the filters differ, saves the changes, and is clean again', async () => {
    const api = serveViews([checkoutErrors()])
    const { user } = renderApp('/views/Ab3dE6gH')
    await screen.findByText(/Showing the view as saved/)

    await user.click(screen.getByRole('button', { name: 'Severity: error' }))
    await user.click(screen.getByRole('checkbox', { name: 'warn' }))
    await user.keyboard('{Escape}')

    expect(await screen.findByText('Modified')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Save changes' }))

    await waitFor(() => expect(api.requests.find((r) => r.method === 'PATCH')).toBeDefined())
    expect(api.requests.find((r) => r.method === 'PATCH')).toEqual({
      method: 'PATCH',
      shortId: 'Ab3dE6gH',
      body: {
        filters: {
          customField: 'kept',
          dateRange: { date_from: '-24h', date_to: null },
          severityLevels: ['warn', 'error'],
          serviceNames: ['checkout'],
          filterGroup: { type: 'AND', values: [{ key: 'http.route', operator: 'exact', type: 'log_attribute', value: '/pay' }] },
          orderBy: 'latest',
        },
      },
    })
    expect(await screen.findByText(/Showing the view as saved/)).toBeInTheDocument()
    expect(screen.queryByText('Modified')).not.toBeInTheDocument()
  })

  it('takes a link with filters as it is, and discards the changes back to the view', async () => {
    serveViews([checkoutErrors()])
    const { user, searchParams } = renderApp('/views/Ab3dE6gH?severity=["warn"]&from=-24h')

    expect(await screen.findByText('Modified')).toBeInTheDocument()
    expect(searchParams().get('severity')).toBe('["warn"]')
    await user.click(screen.getByRole('link', { name: 'Discard changes' }))
    await waitFor(() => expect(searchParams().get('severity')).toBe('["error"]'))
    expect(searchParams().get('services')).toBe('checkout')
    expect(await screen.findByText(/Showing the view as saved/)).toBeInTheDocument()
  })

  it('keeps "Clear all" cleared, and the pinned link of the open view applies it again', async () => {
    serveViews([{ ...checkoutErrors(), pinned: true }])
    const { user, searchParams } = renderApp('/views/Ab3dE6gH')
    await screen.findByText(/Showing the view as saved/)

    await user.click(screen.getByRole('button', { name: 'Clear all' }))
    await waitFor(() => expect(searchParams().has('severity')).toBe(false))
    expect(await screen.findByText('Modified')).toBeInTheDocument()
    expect(searchParams().get('order')).toBe('latest')

    const pinned = screen.getByRole('navigation', { name: 'Pinned views' })
    await user.click(within(pinned).getByRole('link', { name: 'Checkout errors' }))
    await waitFor(() => expect(searchParams().get('severity')).toBe('["error"]'))
    expect(searchParams().get('services')).toBe('checkout')
    expect(await screen.findByText(/Showing the view as saved/)).toBeInTheDocument()
  })

  it('saves the changed filters as a new view and opens it', async () => {
    const api = serveViews([checkoutErrors()])
    const { user, router } = renderApp('/views/Ab3dE6gH?severity=["warn"]&services=checkout&from=-24h')
    await screen.findByText('Modified')

    await user.click(screen.getByRole('button', { name: 'Save as new view' }))
    const dialog = screen.getByRole('dialog', { name: 'Save as new view' })
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('Checkout errors (copy)')
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }))

    await waitFor(() => expect(router.state.location.pathname).not.toBe('/views/Ab3dE6gH'))
    const created = api.views.at(-1)!
    expect(router.state.location.pathname).toBe(`/views/${created.short_id}`)
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      name: 'Checkout errors (copy)',
      pinned: false,
      filters: { severityLevels: ['warn'], serviceNames: ['checkout'], dateRange: { date_from: '-24h', date_to: null }, customField: 'kept' },
    })
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout errors (copy)' })).toBeInTheDocument()
  })

  it('says so when the view does not exist', async () => {
    serveViews([])
    renderApp('/views/Gone1234')
    expect(await screen.findByRole('heading', { name: 'This view does not exist' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See all saved views' })).toHaveAttribute('href', '/views')
  })
})

describe('View dirty detection', () => {
  const view = fromViewFilters({ dateRange: { date_from: '-24h' }, severityLevels: ['fatal', 'warn'], serviceNames: ['b', 'a'], searchTerm: 'x' })
  const base = { services: ['a', 'b'], severity: ['warn', 'error'] as ('warn' | 'error')[], q: 'x', filters: [], order: 'latest' as const }

  it('ignores order of services and levels, and reads trace/fatal as the API does', () => {
    expect(differsFromView(base, { from: '-24h' }, view)).toBe(false)
    expect(differsFromView({ ...base, services: ['b', 'a'] }, { from: '-24h' }, view)).toBe(false)
  })

  it('sees every kind of change: search, services, levels, filters, order and time range', () => {
    expect(differsFromView({ ...base, q: 'y' }, { from: '-24h' }, view)).toBe(true)
    expect(differsFromView({ ...base, services: ['a'] }, { from: '-24h' }, view)).toBe(true)
    expect(differsFromView({ ...base, severity: ['error'] }, { from: '-24h' }, view)).toBe(true)
    expect(differsFromView({ ...base, order: 'earliest' }, { from: '-24h' }, view)).toBe(true)
    expect(differsFromView({ ...base, filters: [{ key: 'k', type: 'log_attribute', operator: 'is_set' }] }, { from: '-24h' }, view)).toBe(true)
    expect(differsFromView(base, { from: '-1h' }, view)).toBe(true)
  })

  it('does not compare the time range of a view that does not pin one', () => {
    const noRange = fromViewFilters({ searchTerm: 'x' })
    expect(differsFromView({ ...base, services: [], severity: [] }, { from: '-7d' }, noRange)).toBe(false)
  })
})
