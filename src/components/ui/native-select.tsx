import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'
import { Icon } from './icon'

/** The browser's own `<select>` (keyboard and screen readers for free), styled like `Input`. */
export function NativeSelect({ className, children, ...props }: ComponentProps<'select'>) {
  return (
    <span className={cn('relative inline-flex w-full', className)}>
      <select
        className="h-9 w-full appearance-none rounded-md border border-border bg-surface pr-8 pl-3 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:opacity-50 aria-invalid:border-danger"
        {...props}
      >
        {children}
      </select>
      <Icon name="chevron-down" className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-muted-foreground" />
    </span>
  )
}
