import type { QueryClient } from '@tanstack/react-query'
import { createRouter, type RouterHistory } from '@tanstack/react-router'
import { NotFoundPage } from '@/features/shell/components/not-found-page'
import { RouteErrorPage } from '@/features/shell/components/route-error-page'
import { routeTree } from '@/routeTree.gen'

interface CreateAppRouterOptions {
  queryClient: QueryClient
  /** Browser history in the app, memory history in tests. */
  history?: RouterHistory
}

export function createAppRouter({ queryClient, history }: CreateAppRouterOptions) {
  return createRouter({
    routeTree,
    history,
    context: { queryClient },
    defaultPreload: 'intent',
    // Query data has its own freshness rules; the router should always ask the query cache.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultErrorComponent: RouteErrorPage,
    defaultNotFoundComponent: NotFoundPage,
  })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}
