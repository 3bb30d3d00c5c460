import { act, screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { mockViewport, renderApp } from '@/test/render-app'
import { server } from '@/test/server'

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

afterEach(() => {
  vi.useRealTimers()
  // Drop the override so the next test sees jsdom's own value again.
  Reflect.deleteProperty(document, 'visibilityState')
})

describe('Services auto-refresh', () => {
  it('refreshes every 30 s while on, pauses while the tab is hidden, and catches up when it is back', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    mockViewport(600)
    let calls = 0
    server.use(
      http.post('*/api/environments/:env/logs/sparkline', () => HttpResponse.json([])),
      http.post('*/api/environments/:env/logs/services', () => {
        calls += 1
        return HttpResponse.json(servicesResponse([serviceRow('checkout')]))
      }),
    )
    const { user, searchParams } = renderApp('/services')
    await screen.findByRole('link', { name: 'checkout' })

    // Off by default: time passing fetches nothing.
    await act(() => vi.advanceTimersByTimeAsync(45_000))
    expect(calls).toBe(1)

    const toggle = screen.getByRole('switch', { name: 'Auto-refresh' })
    expect(toggle).toHaveAccessibleDescription('Every 30 seconds while this tab is visible')
    await user.click(toggle)
    await waitFor(() => expect(searchParams().get('live')).toBe('true'))
    expect(toggle).toBeChecked()
    // The last answer is already older than 30 s, so turning it on refreshes at once.
    await waitFor(() => expect(calls).toBe(2))

    await act(() => vi.advanceTimersByTimeAsync(30_500))
    await waitFor(() => expect(calls).toBe(3))

    setVisibility('hidden')
    expect(await screen.findByText('Paused while the tab is hidden')).toBeInTheDocument()
    await act(() => vi.advanceTimersByTimeAsync(120_000))
    expect(calls).toBe(3)

    setVisibility('visible')
    await waitFor(() => expect(calls).toBe(4))

    await user.click(toggle)
    await waitFor(() => expect(searchParams().has('live')).toBe(false))
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(calls).toBe(4)
  })
})
