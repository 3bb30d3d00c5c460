import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'
import { savedView, serveViews } from '../test-views'

beforeEach(() => mockViewport(600))

const sidebar = () => screen.getByRole('navigation', { name: 'Pinned views' })
const row = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!

describe('Saved views page states', () => {
  it('shows a skeleton, then says how to make a first view when there is none', async () => {
    let release!: () => void
    const ready = new Promise<void>((resolve) => (release = resolve))
    server.use(
      http.get('*/api/environments/:env/logs/views', async () => {
        await ready
        return HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
      }),
    )
    renderApp('/views')
    expect(await screen.findByText('Loading saved views…')).toBeInTheDocument()
    expect(screen.getByRole('table', { name: 'Saved views' })).toHaveAttribute('aria-busy', 'true')
    release()
    expect(await screen.findByRole('heading', { name: 'No saved views yet' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Open the logs explorer' })).toHaveAttribute('href', '/logs')
  })

  it('says what failed and retries', async () => {
    let calls = 0
    server.use(
      http.get('*/api/environments/:env/logs/views', () => {
        calls += 1
        return calls === 1
          ? HttpResponse.json({ type: 'server_error', code: 'error', detail: 'Views are unavailable.', attr: null }, { status: 503 })
          : HttpResponse.json({ count: 1, next: null, previous: null, results: [savedView({ name: 'Back' })] })
      }),
    )
    const { user } = renderApp('/views')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not load saved views')
    expect(alert).toHaveTextContent('Views are unavailable.')
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('rowheader', { name: 'Back' })).toBeInTheDocument()
  })
})

describe('Saved views page', () => {
  it('lists views with a readable summary, who made them, and a link that opens them', async () => {
    serveViews([savedView({ name: 'Checkout errors', short_id: 'Ab3dE6gH' })])
    renderApp('/views?env=2')
    const line = within(await screen.findByRole('rowheader', { name: 'Checkout errors' }).then((h) => h.closest('tr')!))
    expect(line.getByRole('link', { name: 'Checkout errors' })).toHaveAttribute('href', '/views/Ab3dE6gH?env=2')
    expect(line.getByText('Last 24 hours · error only · service checkout')).toBeInTheDocument()
    expect(line.getByText('Ada Lovelace')).toBeInTheDocument()
  })

  it('pins a view into the sidebar at once, and rolls an unpin back when the server refuses', async () => {
    const api = serveViews([savedView({ name: 'Checkout errors' }), savedView({ name: 'Already pinned', pinned: true })])
    const { user } = renderApp('/views')
    await screen.findByRole('rowheader', { name: 'Checkout errors' })
    await within(sidebar()).findByRole('link', { name: 'Already pinned' })

    let release!: () => void
    api.nextPatch = { hold: new Promise<void>((resolve) => (release = resolve)) }
    await user.click(within(row('Checkout errors')).getByRole('button', { name: 'Pin Checkout errors' }))
    // Before the server answers: the sidebar and the button already show it.
    expect(within(sidebar()).getByRole('link', { name: 'Checkout errors' })).toBeInTheDocument()
    expect(within(row('Checkout errors')).getByRole('button', { name: 'Unpin Checkout errors' })).toHaveAttribute('aria-pressed', 'true')
    expect(within(sidebar()).getAllByRole('link').map((l) => l.textContent)).toEqual(['Already pinned', 'Checkout errors'])
    release()
    await waitFor(() => expect(api.views[0]!.pinned).toBe(true))

    let refuse!: () => void
    api.nextPatch = { hold: new Promise<void>((resolve) => (refuse = resolve)), fail: true }
    await user.click(within(row('Already pinned')).getByRole('button', { name: 'Unpin Already pinned' }))
    expect(within(sidebar()).queryByRole('link', { name: 'Already pinned' })).not.toBeInTheDocument()
    refuse()
    await waitFor(() => expect(within(sidebar()).getByRole('link', { name: 'Already pinned' })).toBeInTheDocument())
    expect(within(row('Already pinned')).getByRole('button', { name: 'Unpin Already pinned' })).toBeInTheDocument()
    const toasts = screen.getByRole('region', { name: 'Notifications' })
    expect(await within(toasts).findByRole('alert')).toHaveTextContent('Could not update the viewThe store is read-only.')
  })

  it('renames a view in place', async () => {
    const api = serveViews([savedView({ name: 'Old name', pinned: true })])
    const { user } = renderApp('/views')
    await user.click(await screen.findByRole('button', { name: 'Rename Old name' }))
    const field = screen.getByRole('textbox', { name: 'New name for Old name' })
    await user.clear(field)
    await user.type(field, 'New name{Enter}')

    expect(await screen.findByRole('rowheader', { name: 'New name' })).toBeInTheDocument()
    expect(within(sidebar()).getByRole('link', { name: 'New name' })).toBeInTheDocument()
    await waitFor(() => expect(api.requests).toContainEqual({ method: 'PATCH', shortId: api.views[0]!.short_id, body: { name: 'New name' } }))
  })

  it('deletes after asking, and Undo saves the view again as it was', async () => {
    const doomed = savedView({ name: 'Doomed', pinned: true, filters: { severityLevels: ['warn'], searchTerm: 'timeout' } })
    const api = serveViews([doomed])
    const { user } = renderApp('/views')
    await user.click(await screen.findByRole('button', { name: 'Delete Doomed' }))

    const dialog = screen.getByRole('alertdialog', { name: 'Delete view "Doomed"?' })
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Delete view' }))

    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Doomed' })).not.toBeInTheDocument())
    expect(within(sidebar()).queryByRole('link', { name: 'Doomed' })).not.toBeInTheDocument()
    const undoToast = await screen.findByText('Deleted view "Doomed"')
    expect(api.requests).toContainEqual({ method: 'DELETE', shortId: doomed.short_id })

    await user.click(within(undoToast.closest('[role="status"]') as HTMLElement).getByRole('button', { name: 'Undo' }))
    expect(await screen.findByRole('rowheader', { name: 'Doomed' })).toBeInTheDocument()
    expect(api.requests.at(-1)).toEqual({ method: 'POST', body: { name: 'Doomed', pinned: true, filters: { severityLevels: ['warn'], searchTerm: 'timeout' } } })
    expect(await within(sidebar()).findByRole('link', { name: 'Doomed' })).toBeInTheDocument()
  })

  it('updates a view to the filters the explorer showed last', async () => {
    const api = serveViews([savedView({ name: 'Errors' })])
    const { user, router } = renderApp('/logs?severity=["warn"]&q=slow&from=-6h')
    await waitFor(() => expect(api.logQueries.length).toBeGreaterThan(0))

    await router.navigate({ to: '/views' })
    await user.click(await screen.findByRole('button', { name: 'Update Errors to the current filters' }))
    await waitFor(() => expect(api.requests.find((r) => r.method === 'PATCH')).toBeDefined())
    expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      filters: { dateRange: { date_from: '-6h', date_to: null }, severityLevels: ['warn'], searchTerm: 'slow', orderBy: 'latest' },
    })
    expect(await within(row('Errors')).findByText('Last 6 hours · warn only · body contains "slow"')).toBeInTheDocument()
    expect(within(row('Errors')).getByRole('button', { name: 'Update Errors to the current filters' })).toBeDisabled()
  })

  it('saves the explorer as a new view, pinned, and opens it', async () => {
    const api = serveViews([])
    const { user, router } = renderApp('/logs?services=checkout&severity=["error"]')
    await user.click(await screen.findByRole('button', { name: 'Save view' }))
    const dialog = screen.getByRole('dialog', { name: 'Save view' })
    expect(within(within(dialog).getByRole('list', { name: 'Filters of this view' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Last 1 hour',
      'error only',
      'service checkout',
    ])
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }))
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give the view a name.')
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Checkout errors')
    await user.click(within(dialog).getByRole('checkbox', { name: 'Pin to the sidebar' }))
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }))

    await waitFor(() => expect(router.state.location.pathname).toBe(`/views/${api.views[0]?.short_id}`))
    expect(api.requests[0]).toEqual({
      method: 'POST',
      body: { name: 'Checkout errors', pinned: true, filters: { dateRange: { date_from: '-1h', date_to: null }, severityLevels: ['error'], serviceNames: ['checkout'], orderBy: 'latest' } },
    })
    expect(await screen.findByRole('heading', { level: 1, name: 'Checkout errors' })).toBeInTheDocument()
    expect(await within(sidebar()).findByRole('link', { name: 'Checkout errors' })).toBeInTheDocument()
  })
})
