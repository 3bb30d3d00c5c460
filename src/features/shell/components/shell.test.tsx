import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

let servicesRequests: { env: string; dateRange: unknown }[] = []

beforeEach(() => {
  servicesRequests = []
  mockViewport(600)
  server.use(
    http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json([])),
    http.post('*/api/environments/:env/logs/services', async ({ request, params }) => {
      const { query } = (await request.json()) as { query: { dateRange: unknown } }
      servicesRequests.push({ env: String(params.env), dateRange: query.dateRange })
      return HttpResponse.json(servicesResponse([serviceRow('checkout')]))
    }),
  )
})

describe('App shell', () => {
  it('redirects / to /services and keeps the time range', async () => {
    const { router } = renderApp('/?from=-24h')
    expect(await screen.findByRole('heading', { level: 1, name: 'Services' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/services')
    expect(router.state.location.search).toMatchObject({ from: '-24h' })
  })

  it('shows a 404 page inside the shell for unknown paths', async () => {
    const { user, router } = renderApp('/no/such/page')
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
    expect(screen.getByText('/no/such/page')).toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Go to Services' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/services'))
  })

  it('lists pinned views from the API and opens one, keeping environment and time range', async () => {
    let pinnedParam: string | null = null
    const view = {
      id: '7a1f2c9e-0000-4000-8000-000000000001',
      short_id: 'Ab3dE6gH',
      name: 'Checkout errors',
      filters: { severityLevels: ['error'] },
      pinned: true,
      created_at: '2026-01-01T00:00:00Z',
      created_by: null,
      updated_at: '2026-01-01T00:00:00Z',
    }
    server.use(
      http.get('*/api/environments/:env/logs/views', ({ request }) => {
        pinnedParam = new URL(request.url).searchParams.get('pinned')
        return HttpResponse.json({ count: 1, next: null, previous: null, results: [view] })
      }),
      // The saved-view page itself is not under test; it gets what the API would answer.
      http.get('*/api/environments/:env/logs/views/:shortId', () => HttpResponse.json(view)),
      http.post('*/api/environments/:env/logs/:endpoint', () => HttpResponse.json({}, { status: 503 })),
    )
    const { user, router } = renderApp('/services?env=3&from=-6h')

    const pinned = await screen.findByRole('navigation', { name: 'Pinned views' })
    const link = await within(pinned).findByRole('link', { name: 'Checkout errors' })
    expect(pinnedParam).toBe('true')
    expect(link).toHaveAttribute('href', '/views/Ab3dE6gH?env=3&from=-6h')

    await user.click(link)
    await waitFor(() => expect(router.state.location.pathname).toBe('/views/Ab3dE6gH'))
    await waitFor(() => expect(link).toHaveAttribute('aria-current', 'page'))

    const main = screen.getByRole('navigation', { name: 'Main' })
    expect(within(main).getByRole('link', { name: 'Services' })).toHaveAttribute('href', '/services?env=3&from=-6h')
    expect(within(main).getByRole('link', { name: 'Saved views' })).toHaveAttribute('aria-current', 'page')
  })

  it('changes the time range from presets and from a custom absolute range', async () => {
    const { user, searchParams } = renderApp('/services')
    await screen.findByRole('link', { name: 'checkout' })
    expect(servicesRequests.at(-1)?.dateRange).toEqual({ date_from: '-1h', date_to: null })

    await user.click(screen.getByRole('button', { name: 'Time range: Last 1 hour' }))
    const dialog = screen.getByRole('dialog', { name: 'Choose a time range' })
    expect(within(dialog).getByRole('button', { name: 'Last 1 hour' })).toHaveAttribute('aria-pressed', 'true')
    expect(within(dialog).getByRole('button', { name: 'Last 1 hour' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Last 7 days' }))

    await waitFor(() => expect(searchParams().get('from')).toBe('-7d'))
    await waitFor(() => expect(servicesRequests.at(-1)?.dateRange).toEqual({ date_from: '-7d', date_to: null }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    const trigger = screen.getByRole('button', { name: 'Time range: Last 7 days' })
    expect(trigger).toHaveFocus()

    await user.click(trigger)
    const custom = screen.getByRole('dialog', { name: 'Choose a time range' })
    const from = within(custom).getByLabelText('From')
    const to = within(custom).getByLabelText('To')
    await user.clear(from)
    await user.type(from, '2026-03-02T10:00')
    await user.clear(to)
    await user.type(to, '2026-03-01T10:00')
    await user.click(within(custom).getByRole('button', { name: 'Apply range' }))
    expect(within(custom).getByRole('alert')).toHaveTextContent('The end must be after the start.')

    await user.clear(to)
    await user.type(to, '2026-03-02T12:30')
    await user.click(within(custom).getByRole('button', { name: 'Apply range' }))

    const expected = { from: new Date('2026-03-02T10:00').toISOString(), to: new Date('2026-03-02T12:30').toISOString() }
    await waitFor(() => expect(searchParams().get('to')).toBe(expected.to))
    expect(searchParams().get('from')).toBe(expected.from)
    await waitFor(() => expect(servicesRequests.at(-1)?.dateRange).toEqual({ date_from: expected.from, date_to: expected.to }))

    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('button', { name: /^Time range: / }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('ignores a broken time range in the URL', async () => {
    renderApp('/services?from=yesterday&env=abc')
    await screen.findByRole('link', { name: 'checkout' })
    expect(servicesRequests.at(-1)).toEqual({ env: '1', dateRange: { date_from: '-1h', date_to: null } })
  })

  it('switches environment from the top bar', async () => {
    const { user, searchParams } = renderApp('/services')
    await screen.findByRole('link', { name: 'checkout' })
    const field = screen.getByRole('spinbutton', { name: 'Environment' })
    await user.clear(field)
    await user.type(field, '2{Enter}')
    await waitFor(() => expect(searchParams().get('env')).toBe('2'))
    await waitFor(() => expect(servicesRequests.at(-1)?.env).toBe('2'))
    // The same field stays focused, so the keyboard user can keep typing.
    expect(screen.getByRole('spinbutton', { name: 'Environment' })).toBe(field)
    expect(field).toHaveFocus()
    expect(field).toHaveValue(2)
  })

  it('follows the system theme by default and remembers an explicit choice', async () => {
    const { user } = renderApp('/services')
    const theme = await screen.findByRole('group', { name: 'Theme' })
    expect(within(theme).getByRole('radio', { name: 'System' })).toBeChecked()

    await user.click(within(theme).getByRole('radio', { name: 'Dark' }))
    expect(document.documentElement).toHaveClass('dark')
    expect(localStorage.getItem('logdeck.theme')).toBe('dark')

    await user.click(within(theme).getByRole('radio', { name: 'System' }))
    expect(document.documentElement).not.toHaveClass('dark')
    expect(localStorage.getItem('logdeck.theme')).toBeNull()
  })

  it('refetches what is on screen when Refresh is pressed', async () => {
    const { user } = renderApp('/services')
    await screen.findByRole('link', { name: 'checkout' })
    const before = servicesRequests.length
    await user.click(screen.getByRole('button', { name: 'Refresh' }))
    await waitFor(() => expect(servicesRequests.length).toBe(before + 1))
  })

  it('catches a crashing page in an error boundary whose Retry renders it again', async () => {
    vi.spyOn(Element.prototype, 'clientHeight', 'get')
      .mockImplementationOnce(() => {
        throw new Error('Layout exploded')
      })
      .mockReturnValue(600)
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { user } = renderApp('/services')

    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('Layout exploded')

    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('link', { name: 'checkout' })).toBeInTheDocument()
  })
})
