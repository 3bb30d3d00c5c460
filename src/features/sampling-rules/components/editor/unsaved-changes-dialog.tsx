import { ConfirmDialog } from '@/components/ui/confirm-dialog'

export function UnsavedChangesDialog({ open, onStay, onLeave }: { open: boolean; onStay: () => void; onLeave: () => void }) {
  return (
    <ConfirmDialog
      open={open}
      title="Leave without saving?"
      tone="danger"
      confirmLabel="Discard changes"
      cancelLabel="Keep editing"
      onConfirm={onLeave}
      onCancel={onStay}
    >
      <p>Your changes to this rule are not saved. Leaving the page discards them.</p>
    </ConfirmDialog>
  )
}
