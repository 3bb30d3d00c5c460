import { useRef, type ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Button } from './button'
import { ModalDialog } from './modal-dialog'

interface ConfirmDialogProps {
  open: boolean
  title: ReactNode
  /** What will happen, in full: the user decides on this. */
  children: ReactNode
  confirmLabel: string
  cancelLabel?: string
  /** `danger` for actions that destroy or drop data. */
  tone?: 'danger' | 'primary'
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** Asks before doing something consequential; Cancel has the focus, so Enter never destroys by accident. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'primary',
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  return (
    <ModalDialog
      open={open}
      onClose={onCancel}
      role="alertdialog"
      title={title}
      description={children}
      initialFocus={cancelRef}
      footer={
        <>
          <Button ref={cancelRef} onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button
            variant="primary"
            onClick={onConfirm}
            disabled={busy}
            aria-busy={busy}
            className={cn(tone === 'danger' && 'bg-danger hover:bg-danger/90')}
          >
            {confirmLabel}
          </Button>
        </>
      }
    />
  )
}
