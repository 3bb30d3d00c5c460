import { createRootRouteWithContext, retainSearchParams, stripSearchParams } from '@tanstack/react-router'
import { NotFoundPage } from '@/features/shell/components/not-found-page'
import { RootLayout } from '@/features/shell/components/root-layout'
import { RouteErrorPage } from '@/features/shell/components/route-error-page'
import { globalSearchDefaults, globalSearchKeys, globalSearchSchema } from '@/lib/global-search'
import type { RouterContext } from '@/lib/router-context'

export const Route = createRootRouteWithContext<RouterContext>()({
  validateSearch: globalSearchSchema,
  search: {
    // Every link keeps the environment and time range; defaults never show up in the URL.
    middlewares: [stripSearchParams(globalSearchDefaults), retainSearchParams([...globalSearchKeys])],
  },
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
})
