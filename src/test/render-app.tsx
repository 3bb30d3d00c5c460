import { createMemoryHistory } from '@tanstack/react-router'
import { render, type RenderResult } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import { vi } from 'vitest'
import { App } from '@/app/app'
import { createQueryClient } from '@/app/query-client'
import { createAppRouter } from '@/app/router'

export interface RenderedApp extends RenderResult {
  router: ReturnType<typeof createAppRouter>
  user: UserEvent
  /** The current URL's search params, as the address bar would show them. */
  searchParams: () => URLSearchParams
}

/** Renders the real route tree at `url` over a memory history, with a fresh query cache. */
export function renderApp(url: string): RenderedApp {
  const queryClient = createQueryClient()
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } })
  const router = createAppRouter({ queryClient, history: createMemoryHistory({ initialEntries: [url] }) })
  const user = userEvent.setup()
  const result = render(<App queryClient={queryClient} router={router} />)
  return {
    ...result,
    router,
    user,
    searchParams: () => new URLSearchParams(router.state.location.searchStr),
  }
}

/**
 * jsdom has no layout, so the virtualiser would see a 0-pixel viewport. This gives every element a
 * size (the scrolling table is the only thing that reads it).
 */
export function mockViewport(height: number, width = 1280): void {
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(height)
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(width)
}
