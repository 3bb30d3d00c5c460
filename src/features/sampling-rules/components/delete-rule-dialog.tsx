import { ConfirmDialog } from '@/components/ui/confirm-dialog'

interface DeleteRuleDialogProps {
  open: boolean
  ruleName: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}

export function DeleteRuleDialog({ open, ruleName, busy, onConfirm, onCancel }: DeleteRuleDialogProps) {
  return (
    <ConfirmDialog
      open={open}
      title={`Delete “${ruleName}”?`}
      tone="danger"
      confirmLabel={busy ? 'Deleting…' : 'Delete rule'}
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>The rule stops applying to incoming logs at once and cannot be restored. Logs it already dropped stay dropped.</p>
    </ConfirmDialog>
  )
}
