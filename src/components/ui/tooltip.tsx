import { cloneElement, useId, useRef, useState, type ReactElement, type ReactNode } from 'react'
import { cn } from '@/lib/cn'

interface TooltipProps {
  content: ReactNode
  /** One focusable element; it gets `aria-describedby` pointing at the tooltip. */
  children: ReactElement<{ 'aria-describedby'?: string }>
  /** Classes for the wrapper around the trigger (e.g. `w-full` for a full-width trigger). */
  className?: string
  contentClassName?: string
}

export interface TooltipPlacement {
  left: number
  top: number
  above: boolean
}

const EDGE = 12

/** Where a tooltip for `anchor` goes: above it when there is room, kept inside the window. */
export function tooltipPlacement(anchor: Element): TooltipPlacement {
  const rect = anchor.getBoundingClientRect()
  const above = rect.top > 96
  const center = rect.left + rect.width / 2
  return {
    left: Math.min(Math.max(center, EDGE + 80), window.innerWidth - EDGE - 80),
    top: above ? rect.top - 6 : rect.bottom + 6,
    above,
  }
}

/** The tooltip's bubble, fixed at `placement` (so it shows inside scrolling tables); hidden without one. */
export function TooltipBubble({ id, placement, className, children }: { id: string; placement: TooltipPlacement | null; className?: string; children: ReactNode }) {
  return (
    <span
      role="tooltip"
      id={id}
      hidden={!placement}
      style={placement ? { left: placement.left, top: placement.top } : undefined}
      className={cn(
        'pointer-events-none fixed z-50 w-max max-w-xs -translate-x-1/2 rounded-md border border-border bg-surface-raised px-2.5 py-1.5 text-xs text-foreground shadow-lg',
        placement?.above && '-translate-y-full',
        className,
      )}
    >
      {children}
    </span>
  )
}

/**
 * Shows `content` next to the trigger on hover and on keyboard focus; Escape hides it. The text is
 * always in the DOM (hidden) so screen readers get it as the trigger's description. Fixed
 * positioning keeps it visible inside scrolling tables.
 */
export function Tooltip({ content, children, className, contentClassName }: TooltipProps) {
  const id = useId()
  const anchorRef = useRef<HTMLSpanElement>(null)
  const [placement, setPlacement] = useState<TooltipPlacement | null>(null)

  const show = () => {
    if (anchorRef.current) setPlacement(tooltipPlacement(anchorRef.current))
  }
  const hide = () => setPlacement(null)

  return (
    <span
      ref={anchorRef}
      className={cn('inline-flex max-w-full', className)}
      onPointerEnter={show}
      onPointerLeave={hide}
      onFocus={show}
      onBlur={hide}
      onKeyDown={(event) => {
        if (event.key === 'Escape') hide()
      }}
    >
      {cloneElement(children, { 'aria-describedby': id })}
      <TooltipBubble id={id} placement={placement} className={contentClassName}>
        {content}
      </TooltipBubble>
    </span>
  )
}
