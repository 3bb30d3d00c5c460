import { screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BackendInfo } from '@/contract/backend'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

let servicesEnvs: string[] = []
let backendRequests = 0

/** Answers the backend question with `info`, once `ready` resolves (immediately by default). */
function answerBackend(info: BackendInfo, ready: Promise<void> = Promise.resolve()) {
  server.use(
    http.get('*/api/logdeck/backend', async () => {
      backendRequests++
      await ready
      return HttpResponse.json(info)
    }),
  )
}

beforeEach(() => {
  servicesEnvs = []
  backendRequests = 0
  mockViewport(600)
  server.use(
    http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json([])),
    http.post('*/api/environments/:env/logs/services', ({ params }) => {
      servicesEnvs.push(String(params.env))
      return HttpResponse.json(servicesResponse([serviceRow(`checkout-${String(params.env)}`)]))
    }),
  )
})

describe('Backend badge', () => {
  it('says the app runs on the embedded store and explains it on focus', async () => {
    answerBackend({ backend: 'embedded', default_environment_id: 1 })
    const { user } = renderApp('/services')
    const badge = await screen.findByText('Embedded store')
    expect(await screen.findByRole('link', { name: 'checkout-1' })).toBeInTheDocument()

    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument()
    await user.click(screen.getByRole('spinbutton', { name: 'Environment' }))
    await user.tab()
    expect(badge).toHaveFocus()
    const tooltip = screen.getByRole('tooltip')
    expect(badge).toHaveAttribute('aria-describedby', tooltip.id)
    expect(tooltip).toHaveTextContent('stored and queried by this Logdeck server itself')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument()
  })

  it('names the PostHog host and uses its default environment when the URL has none', async () => {
    answerBackend({ backend: 'posthog', host: 'us.posthog.com', default_environment_id: 7 })
    const { user, router } = renderApp('/services')
    const badge = await screen.findByText('PostHog · us.posthog.com')
    expect(await screen.findByRole('link', { name: 'checkout-7' })).toBeInTheDocument()
    expect(screen.getByRole('spinbutton', { name: 'Environment' })).toHaveValue(7)
    expect(servicesEnvs.at(-1)).toBe('7')

    await user.hover(badge)
    expect(screen.getByRole('tooltip')).toHaveTextContent('forwards every request to the PostHog host us.posthog.com')

    // Moving between pages asks the server once only.
    await user.click(screen.getByRole('link', { name: 'Saved views' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/views'))
    await user.click(screen.getByRole('link', { name: 'Services' }))
    expect(await screen.findByRole('link', { name: 'checkout-7' })).toBeInTheDocument()
    expect(backendRequests).toBe(1)
  })

  it('keeps an environment the URL names', async () => {
    answerBackend({ backend: 'posthog', host: 'eu.posthog.com', default_environment_id: 7 })
    renderApp('/services?env=3')
    await screen.findByText('PostHog · eu.posthog.com')
    expect(await screen.findByRole('link', { name: 'checkout-3' })).toBeInTheDocument()
    expect(servicesEnvs).not.toContain('7')
  })

  it('uses environment 1 until the server answers, then its default', async () => {
    let answer = () => {}
    answerBackend({ backend: 'posthog', host: 'us.posthog.com', default_environment_id: 7 }, new Promise((resolve) => (answer = resolve)))
    renderApp('/services')
    expect(await screen.findByRole('link', { name: 'checkout-1' })).toBeInTheDocument()
    expect(screen.getByRole('spinbutton', { name: 'Environment' })).toHaveValue(1)
    expect(screen.queryByText(/PostHog/)).not.toBeInTheDocument()

    answer()
    expect(await screen.findByRole('link', { name: 'checkout-7' })).toBeInTheDocument()
    expect(screen.getByRole('spinbutton', { name: 'Environment' })).toHaveValue(7)
    expect(screen.getByText('PostHog · us.posthog.com')).toBeInTheDocument()
  })

  it('shows no badge and stays on environment 1 when the server cannot say', async () => {
    server.use(http.get('*/api/logdeck/backend', () => HttpResponse.json({ backend: 'unknown' })))
    renderApp('/services')
    expect(await screen.findByRole('link', { name: 'checkout-1' })).toBeInTheDocument()
    const topBar = screen.getByRole('spinbutton', { name: 'Environment' }).closest('header')!
    // The placeholder goes away once the answer is known to be unusable.
    await waitFor(() => expect(topBar.querySelector('.animate-pulse')).toBeNull())
    expect(screen.queryByText(/Embedded store|PostHog/)).not.toBeInTheDocument()
    expect(servicesEnvs).toEqual(['1'])
  })
})
