import type { ComponentProps, ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Button } from './button'
import { Icon } from './icon'

type DrawerProps = Omit<ComponentProps<'section'>, 'title'> & {
  /** The drawer's heading and accessible name. */
  title: ReactNode
  /** The accessible name when the title is not plain text. */
  label: string
  onClose: () => void
  /** Controls in the header, left of the close button. */
  actions?: ReactNode
}

/**
 * A panel docked to the right of the content; the page beside it stays usable (it is not modal).
 * The owner closes it on Escape, so keyboard handling can take the page's context into account.
 */
export function Drawer({ title, label, onClose, actions, children, className, ...props }: DrawerProps) {
  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-label={label}
      className={cn('flex min-h-0 flex-col rounded-lg border border-border bg-surface shadow-lg', className)}
      {...props}
    >
      <header className="flex items-start gap-2 border-b border-border px-4 py-3">
        <div className="min-w-0 flex-1">{title}</div>
        {actions}
        <Button variant="ghost" size="icon" aria-label="Close details" onClick={onClose}>
          <Icon name="x" />
        </Button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </section>
  )
}
