import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

/** A grey block standing in for content of the same size while it loads. */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded bg-muted', className)} {...props} />
}
