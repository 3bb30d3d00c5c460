import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import type { View } from '@/contract/views'

interface DeleteViewDialogProps {
  view: View
  onConfirm: () => void
  onCancel: () => void
}

/** Asks before deleting; Cancel comes first so Enter never deletes by accident. */
export function DeleteViewDialog({ view, onConfirm, onCancel }: DeleteViewDialogProps) {
  return (
    <Dialog
      role="alertdialog"
      title={`Delete view "${view.name}"?`}
      description={
        view.pinned
          ? 'It disappears from this list and from the sidebar, and its link stops working. You can undo right after.'
          : 'It disappears from this list and its link stops working. You can undo right after.'
      }
      onClose={onCancel}
    >
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button className="bg-danger text-primary-foreground hover:bg-danger/90" onClick={onConfirm}>
          Delete view
        </Button>
      </div>
    </Dialog>
  )
}
