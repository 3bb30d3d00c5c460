import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { cn } from '@/lib/cn'

interface PopoverProps {
  /** The trigger button's content and accessible name. */
  trigger: ReactNode
  triggerLabel?: string
  triggerClassName?: string
  /** The panel's accessible name (`role="dialog"`). */
  label: string
  /** Content, given a `close` that also puts focus back on the trigger. */
  children: (close: () => void) => ReactNode
  /** Which edge of the trigger the panel lines up with; it flips when it would leave the window. */
  align?: 'start' | 'end'
  className?: string
  /** Controlled open state (optional). */
  open?: boolean
  onOpenChange?: (open: boolean) => void
}

/**
 * A button that opens a small non-modal panel under it. Focus moves into the panel; Escape or a
 * click outside closes it, and focus returns to the button.
 */
export function Popover({ trigger, triggerLabel, triggerClassName, label, children, align = 'start', className, open: controlled, onOpenChange }: PopoverProps) {
  const [uncontrolled, setUncontrolled] = useState(false)
  const open = controlled ?? uncontrolled
  const setOpen = (next: boolean) => {
    setUncontrolled(next)
    onOpenChange?.(next)
  }
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const [side, setSide] = useState(align)
  const onOpenChangeRef = useRef(onOpenChange)
  useEffect(() => {
    onOpenChangeRef.current = onOpenChange
  }, [onOpenChange])

  useLayoutEffect(() => {
    const panel = panelRef.current
    const trigger = triggerRef.current
    if (!open || !panel || !trigger) return
    const { left, right } = trigger.getBoundingClientRect()
    const width = panel.offsetWidth
    if (align === 'start' && left + width > window.innerWidth - 8) setSide('end')
    else if (align === 'end' && right - width < 8) setSide('start')
    else setSide(align)
  }, [open, align])

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current?.contains(event.target as Node)) return
      setUncontrolled(false)
      onOpenChangeRef.current?.(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    panelRef.current?.querySelector<HTMLElement>('input, button, select, textarea, [tabindex]:not([tabindex="-1"])')?.focus()
    const trigger = triggerRef.current
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      // Focus was in the panel, which is gone now: give it back to the button.
      if (!document.activeElement || document.activeElement === document.body) trigger?.focus()
    }
  }, [open])

  const close = () => setOpen(false)

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        aria-label={triggerLabel}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen(!open)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label={label}
          className={cn(
            'absolute z-40 mt-2 rounded-lg border border-border bg-surface p-3 shadow-xl',
            side === 'end' ? 'right-0' : 'left-0',
            className,
          )}
        >
          {children(close)}
        </div>
      )}
    </div>
  )
}
