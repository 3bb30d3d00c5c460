import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { toast } from '@/components/ui/toast-store'
import { isApiError, isAuthError } from '@/lib/api-client'
import { authPrompt } from '@/lib/api-key'

declare module '@tanstack/react-query' {
  interface Register {
    /** Mutations name their result; the cache turns it into a toast. */
    mutationMeta: {
      successMessage?: string
      errorMessage?: string
    }
  }
}

function askForKeyOn(error: unknown): boolean {
  if (!isAuthError(error)) return false
  authPrompt.require({ status: error.status, reason: error.detail })
  return true
}

/** Client errors (4xx) will not go away by retrying; network and server errors get two more tries. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false
  return failureCount < 2
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: askForKeyOn }),
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        if (mutation.meta?.successMessage) toast.success(mutation.meta.successMessage)
      },
      onError: (error, _variables, _context, mutation) => {
        if (askForKeyOn(error)) return
        const detail = isApiError(error) ? error.detail : error instanceof Error ? error.message : undefined
        toast.error(mutation.meta?.errorMessage ?? 'That did not work', detail)
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: shouldRetry,
        // Refreshing is explicit (the Refresh button, auto-refresh) so focus does not refetch 10k rows.
        refetchOnWindowFocus: false,
      },
    },
  })
}
