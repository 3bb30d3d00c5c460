import type { ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { Icon } from '@/components/ui/icon'
import { isApiError } from '@/lib/api-client'
import { cn } from '@/lib/cn'

interface ErrorStateProps {
  title: string
  error: unknown
  onRetry: () => void
  retrying?: boolean
  className?: string
  children?: ReactNode
}

/** What failed, the server's own words, and a Retry button. */
export function ErrorState({ title, error, onRetry, retrying = false, className, children }: ErrorStateProps) {
  const detail = isApiError(error) ? error.detail : error instanceof Error ? error.message : String(error)
  return (
    <div role="alert" className={cn('flex flex-col items-center gap-3 px-6 py-12 text-center', className)}>
      <Icon name="alert" className="size-8 text-danger" />
      <div>
        <p className="font-medium">{title}</p>
        <p className="mt-1 max-w-xl text-sm break-words text-muted-foreground">{detail}</p>
        {isApiError(error) && (
          <p className="mt-1 font-mono text-xs text-muted-foreground">
            {error.status > 0 ? `HTTP ${error.status} · ` : ''}
            {error.code}
          </p>
        )}
      </div>
      {children}
      <Button onClick={onRetry} disabled={retrying}>
        <Icon name="refresh" className={cn(retrying && 'animate-spin')} />
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </div>
  )
}
