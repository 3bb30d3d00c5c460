import { ErrorState } from '@/components/error-state'
import { isApiError } from '@/lib/api-client'
import { ExplainNotConfigured } from './explain-not-configured'
import { ExplainRateLimited } from './explain-rate-limited'

function titleFor(error: unknown): string {
  if (!isApiError(error)) return 'Could not explain this log'
  if (error.code === 'ai_provider_error') return 'The AI provider could not explain this log'
  if (error.status === 404) return 'This log could not be found for explaining'
  return 'Could not explain this log'
}

/** Why the explanation failed, in the server's words, with the way out that fits the failure. */
export function ExplainError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error) && error.code === 'ai_not_configured') return <ExplainNotConfigured detail={error.detail} onRetry={onRetry} />
  if (isApiError(error) && error.status === 429) return <ExplainRateLimited detail={error.detail} onRetry={onRetry} />
  return <ErrorState title={titleFor(error)} error={error} onRetry={onRetry} className="py-8" />
}
