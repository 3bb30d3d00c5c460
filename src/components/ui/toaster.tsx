import { useEffect, useRef, useState } from 'react'
import { cn } from '@/lib/cn'
import { Icon } from './icon'
import { toast, useToasts, type ToastMessage } from './toast-store'

const LIFETIME_MS = { success: 5000, info: 5000, error: 9000 } as const

function ToastItem({ message }: { message: ToastMessage }) {
  const [paused, setPaused] = useState(false)
  const remaining = useRef<number>(LIFETIME_MS[message.tone])

  useEffect(() => {
    if (paused) return
    const started = Date.now()
    const timer = window.setTimeout(() => toast.dismiss(message.id), remaining.current)
    return () => {
      window.clearTimeout(timer)
      remaining.current -= Date.now() - started
    }
  }, [paused, message.id])

  const isError = message.tone === 'error'
  return (
    <li
      role={isError ? 'alert' : 'status'}
      onPointerEnter={() => setPaused(true)}
      onPointerLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={cn(
        'pointer-events-auto flex w-80 items-start gap-3 rounded-lg border bg-surface p-3 text-sm shadow-lg',
        isError ? 'border-danger/40' : 'border-border',
      )}
    >
      <Icon
        name={isError ? 'alert' : message.tone === 'success' ? 'check' : 'info'}
        className={cn('mt-0.5', isError ? 'text-danger' : message.tone === 'success' ? 'text-success' : 'text-primary')}
      />
      <div className="min-w-0 flex-1">
        <p className="font-medium">{message.title}</p>
        {message.description && <p className="mt-0.5 break-words text-muted-foreground">{message.description}</p>}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => toast.dismiss(message.id)}
        className="rounded p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
      >
        <Icon name="x" />
      </button>
    </li>
  )
}

/** Renders the toast queue in the bottom-right corner; hovering or focusing a toast pauses it. */
export function Toaster() {
  const toasts = useToasts()
  return (
    <section aria-label="Notifications" className="pointer-events-none fixed right-4 bottom-4 z-50">
      <ol className="flex flex-col gap-2">
        {toasts.map((message) => (
          <ToastItem key={message.id} message={message} />
        ))}
      </ol>
    </section>
  )
}
