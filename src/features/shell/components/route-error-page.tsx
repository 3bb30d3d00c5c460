import { useQueryErrorResetBoundary } from '@tanstack/react-query'
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { ErrorState } from '@/components/error-state'
import { PageHeader } from '@/components/page-header'

/** The error boundary of every route: says what broke and retries the route (loaders and queries). */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter()
  const queryErrorReset = useQueryErrorResetBoundary()
  return (
    <div className="p-6">
      <PageHeader title="Something went wrong" />
      <ErrorState
        title="This page failed to load."
        error={error}
        onRetry={() => {
          queryErrorReset.reset()
          reset()
          void router.invalidate()
        }}
      />
    </div>
  )
}
