import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import { createPortal } from 'react-dom'
import { cn } from '@/lib/cn'

interface ModalDialogProps {
  open: boolean
  /** Escape or a click on the backdrop. */
  onClose: () => void
  title: ReactNode
  description?: ReactNode
  children?: ReactNode
  /** The buttons, right-aligned under the content. */
  footer: ReactNode
  /** `alertdialog` for confirmations that interrupt (delete, conflicts). */
  role?: 'dialog' | 'alertdialog'
  /** Focused when the dialog opens; defaults to the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>
  className?: string
}

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

/**
 * A modal over the page: focus moves in and is kept inside (Tab cycles), the rest of the page is
 * made `inert`, Escape closes, and focus goes back to where it was when the dialog closes.
 */
export function ModalDialog({ open, onClose, title, description, children, footer, role = 'dialog', initialFocus, className }: ModalDialogProps) {
  const titleId = useId()
  const descriptionId = useId()
  const overlayRef = useRef<HTMLDivElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const returnTo = document.activeElement as HTMLElement | null
    const others = Array.from(document.body.children).filter((el) => el !== overlayRef.current && !el.hasAttribute('inert'))
    for (const el of others) el.setAttribute('inert', '')
    const target = initialFocus?.current ?? panelRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panelRef.current
    target?.focus()
    return () => {
      for (const el of others) el.removeAttribute('inert')
      if (returnTo?.isConnected) returnTo.focus()
    }
  }, [open, initialFocus])

  if (!open) return null

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab') return
    const focusable = Array.from(panelRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (!first || !last) return event.preventDefault()
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div
      ref={overlayRef}
      className="fixed inset-0 z-50 grid place-items-center overflow-y-auto bg-foreground/30 p-4"
      onPointerDown={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div
        ref={panelRef}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className={cn('w-full max-w-md rounded-xl border border-border bg-surface p-5 text-sm shadow-xl outline-none', className)}
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {description && (
          <div id={descriptionId} className="mt-2 text-muted-foreground">
            {description}
          </div>
        )}
        {children && <div className="mt-4">{children}</div>}
        <div className="mt-5 flex flex-wrap justify-end gap-2">{footer}</div>
      </div>
    </div>,
    document.body,
  )
}
