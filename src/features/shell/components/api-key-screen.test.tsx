import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

const GOOD_KEY = 'phx_good_key'

describe('API key screen', () => {
  it('asks for a key on 401, uses it for every request, and comes back with the reason on a later 403', async () => {
    mockViewport(600)
    let refuseKeys = false
    const authHeaders: (string | null)[] = []
    const guard = (request: Request) => {
      const auth = request.headers.get('authorization')
      authHeaders.push(auth)
      if (auth !== `Bearer ${GOOD_KEY}`) {
        return HttpResponse.json(
          {
            type: 'authentication_error',
            code: auth ? 'authentication_failed' : 'not_authenticated',
            detail: auth ? 'Invalid or revoked personal API key.' : 'Authentication credentials were not provided.',
            attr: null,
          },
          { status: 401 },
        )
      }
      if (refuseKeys) {
        return HttpResponse.json(
          { type: 'authentication_error', code: 'permission_denied', detail: 'API key missing required scope logs:read.', attr: null },
          { status: 403 },
        )
      }
      return null
    }
    server.use(
      http.get('*/api/environments/:env/logs/views', ({ request }) => guard(request) ?? HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
      http.post('*/api/environments/:env/logs/sparkline', ({ request }) => guard(request) ?? HttpResponse.json([])),
      http.post('*/api/environments/:env/logs/services', ({ request }) => guard(request) ?? HttpResponse.json(servicesResponse([serviceRow('checkout')]))),
    )
    const { user } = renderApp('/services')

    expect(await screen.findByRole('heading', { name: 'Enter an API key' })).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('The server said: Authentication credentials were not provided.')
    const field = screen.getByLabelText('API key')
    expect(field).toHaveAccessibleDescription(/logs:read.*logs:write.*change sampling rules or saved views and to explain logs/)
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Continue' }))
    expect(screen.getByText('Paste a key first.')).toBeInTheDocument()

    // A wrong key is refused on the screen itself, with the server's new reason.
    await user.type(field, 'phx_wrong')
    await user.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(authHeaders.at(-1)).toBe('Bearer phx_wrong'))
    expect(await screen.findByText('The server said: Invalid or revoked personal API key.')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'Enter an API key' })).toBeInTheDocument()
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument()

    await user.clear(field)
    await user.type(field, `  ${GOOD_KEY} `)
    await user.click(screen.getByRole('button', { name: 'Continue' }))

    expect(await screen.findByRole('link', { name: 'checkout' })).toBeInTheDocument()
    expect(sessionStorage.getItem('logdeck.apiKey')).toBe(GOOD_KEY)
    expect(authHeaders.at(-1)).toBe(`Bearer ${GOOD_KEY}`)

    refuseKeys = true
    await user.click(screen.getByRole('button', { name: 'Refresh' }))

    expect(await screen.findByRole('heading', { name: 'This API key is not allowed to do that' })).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('The server said: API key missing required scope logs:read.')
    await waitFor(() => expect(document.title).toBe('This API key is not allowed to do that · Logdeck'))
  })
})
