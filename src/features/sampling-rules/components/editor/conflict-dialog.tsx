import { Button } from '@/components/ui/button'
import { ModalDialog } from '@/components/ui/modal-dialog'
import type { RuleResponse } from '@/contract/rules'
import type { RuleChange } from '../../form/rule-diff'

interface ConflictDialogProps {
  theirs: RuleResponse | null
  changes: RuleChange[]
  busy: boolean
  onReloadTheirs: () => void
  onOverwrite: () => void
  onCancel: () => void
}

/** Someone saved the rule after it was loaded here: show what they changed, then let the user pick. */
export function ConflictDialog({ theirs, changes, busy, onReloadTheirs, onOverwrite, onCancel }: ConflictDialogProps) {
  return (
    <ModalDialog
      open={theirs !== null}
      onClose={onCancel}
      role="alertdialog"
      className="max-w-2xl"
      title="This rule was changed while you were editing"
      description={
        <p>
          Someone saved “{theirs?.name}” after you opened it (it is now at version {theirs?.version}). Reload their version and lose your edits,
          or save yours over theirs.
        </p>
      }
      footer={
        <>
          <Button onClick={onCancel}>Keep editing</Button>
          <Button onClick={onReloadTheirs} disabled={busy}>
            Reload theirs
          </Button>
          <Button variant="primary" onClick={onOverwrite} disabled={busy} aria-busy={busy}>
            {busy ? 'Saving…' : 'Overwrite with mine'}
          </Button>
        </>
      }
    >
      {changes.length === 0 ? (
        <p className="text-muted-foreground">They saved it without changing anything you can edit here.</p>
      ) : (
        <div className="max-h-80 overflow-auto rounded-md border border-border">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">What changed on the server</caption>
            <thead className="bg-muted text-muted-foreground">
              <tr>
                <th scope="col" className="px-2 py-1.5 font-medium">Field</th>
                <th scope="col" className="px-2 py-1.5 font-medium">When you opened it</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Theirs (now)</th>
                <th scope="col" className="px-2 py-1.5 font-medium">Yours</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.label} className="border-t border-border align-top">
                  <th scope="row" className="px-2 py-1.5 font-medium">{change.label}</th>
                  <td className="px-2 py-1.5 break-all text-muted-foreground line-through">{change.before}</td>
                  <td className="px-2 py-1.5 break-all">{change.theirs}</td>
                  <td className="px-2 py-1.5 break-all">{change.mine ?? 'unchanged (not edited here)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ModalDialog>
  )
}
