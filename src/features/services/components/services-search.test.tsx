import { fireEvent, screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

let searches: (string | null | undefined)[] = []

beforeEach(() => {
  searches = []
  mockViewport(600)
  const all = ['payments', 'payroll', 'search'].map((name) => serviceRow(name))
  server.use(
    http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json({ results: [] })),
    http.post('*/api/environments/:env/logs/services', async ({ request }) => {
      const { query } = (await request.json()) as { query: { serviceNameSearch?: string; limit?: number } }
      searches.push(query.serviceNameSearch)
      expect(query.limit).toBe(10000)
      const term = query.serviceNameSearch ?? ''
      return HttpResponse.json(servicesResponse(all.filter((s) => s.service_name.includes(term))))
    }),
  )
})

describe('Services search', () => {
  it('waits for typing to pause, then puts the search in the URL and the request', async () => {
    const { searchParams } = renderApp('/services')
    await screen.findByRole('link', { name: 'search' })
    const box = screen.getByRole('searchbox', { name: 'Search services' })

    // Three quick keystrokes (user.type is too slow in a loaded jsdom to stay under 250 ms apart).
    for (const value of ['p', 'pa', 'pay']) fireEvent.change(box, { target: { value } })
    expect(box).toHaveValue('pay')

    // 150 ms after the last keystroke nothing has been sent yet.
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(searchParams().get('q')).toBeNull()
    expect(searches).toEqual([undefined])

    await waitFor(() => expect(searchParams().get('q')).toBe('pay'))
    await waitFor(() => expect(screen.queryByRole('link', { name: 'search' })).not.toBeInTheDocument())
    expect(screen.getByRole('link', { name: 'payments' })).toBeInTheDocument()
    // One request for the whole word, none for "p" or "pa".
    expect(searches).toEqual([undefined, 'pay'])
    expect(screen.getByText('2 services matching “pay”')).toBeInTheDocument()
  })

  it('starts from the URL and offers to clear a search that matches nothing', async () => {
    const { user, searchParams } = renderApp('/services?q=nothing-like-this')

    expect(await screen.findByRole('heading', { name: 'No services match “nothing-like-this”' })).toBeInTheDocument()
    expect(screen.getByRole('searchbox', { name: 'Search services' })).toHaveValue('nothing-like-this')

    await user.click(screen.getByRole('button', { name: 'Clear search' }))

    await screen.findByRole('link', { name: 'payroll' })
    expect(searchParams().has('q')).toBe(false)
    expect(screen.getByRole('searchbox', { name: 'Search services' })).toHaveValue('')
  })
})
