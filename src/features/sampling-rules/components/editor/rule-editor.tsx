import { useNavigate } from '@tanstack/react-router'
import { useMemo, useState } from 'react'
import type { RuleResponse } from '@/contract/rules'
import { FORM_LEVEL } from '../../form/field-keys'
import { fieldLabel } from '../../form/field-labels'
import { describeConflict } from '../../form/rule-diff'
import { useDeleteRule } from '../../hooks/use-delete-rule'
import { useRuleEditor } from '../../hooks/use-rule-editor'
import type { PreviewWindow } from '../../search-schema'
import { BigDropDialog } from '../big-drop-dialog'
import { DeleteRuleDialog } from '../delete-rule-dialog'
import { SimulatePreview } from '../preview/simulate-preview'
import { ConflictDialog } from './conflict-dialog'
import { EditorActions } from './editor-actions'
import { RuleForm } from './rule-form'
import { UnsavedChangesDialog } from './unsaved-changes-dialog'

interface RuleEditorProps {
  environmentId: number
  /** The stored rule; undefined for a new one. */
  rule?: RuleResponse
  /** The rule's index in the evaluation order (the preview runs it behind the enabled rules before it). */
  position?: number
  window: PreviewWindow
  onWindowChange: (window: PreviewWindow) => void
}

/** The form next to its live preview, with the save, conflict, delete and leave-page decisions. */
export function RuleEditor({ environmentId, rule, position, window, onWindowChange }: RuleEditorProps) {
  const editor = useRuleEditor(environmentId, rule, position)
  const { form, guard, conflict, bigDrop } = editor
  const navigate = useNavigate()
  const deletion = useDeleteRule(environmentId)
  const [deleteOpen, setDeleteOpen] = useState(false)
  const changes = useMemo(
    () => (conflict.theirs && editor.base && form.validation.draft ? describeConflict(editor.base, conflict.theirs, form.validation.draft) : []),
    [conflict.theirs, editor.base, form.validation.draft],
  )
  const problems = Object.entries(form.validation.errors).filter(([key]) => key !== 'name' && key !== FORM_LEVEL)
  const problem = problems[0] && `${fieldLabel(problems[0][0])}: ${problems[0][1]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`
  const summary = form.submitted && Object.keys(form.errors).length > 0 ? form.errors : null

  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <RuleForm
        form={form}
        environmentId={environmentId}
        formRef={editor.formRef}
        summary={summary}
        onSubmit={() => void editor.submit()}
        actions={<EditorActions isNew={!rule} dirty={form.dirty} saving={editor.saving} onDelete={rule && (() => setDeleteOpen(true))} />}
      />
      <aside aria-label="Impact preview" className="xl:sticky xl:top-6">
        <SimulatePreview
          environmentId={environmentId}
          draft={form.validation.previewDraft}
          problem={problem}
          position={position}
          window={window}
          onWindowChange={onWindowChange}
        />
      </aside>
      <BigDropDialog
        open={bigDrop.check !== null}
        ruleName={form.values.name}
        estimate={bigDrop.check?.estimate ?? null}
        error={bigDrop.check?.error}
        confirmLabel={bigDrop.check?.estimate ? 'Save, enable and drop these logs' : 'Save and enable anyway'}
        onConfirm={bigDrop.confirm}
        onCancel={bigDrop.cancel}
      />
      <ConflictDialog
        theirs={conflict.theirs}
        changes={changes}
        busy={editor.saving}
        onReloadTheirs={conflict.reloadTheirs}
        onOverwrite={conflict.overwrite}
        onCancel={conflict.cancel}
      />
      {rule && (
        <DeleteRuleDialog
          open={deleteOpen}
          ruleName={editor.base?.name ?? rule.name}
          busy={deletion.isPending}
          onCancel={() => setDeleteOpen(false)}
          onConfirm={() =>
            deletion.mutate(rule, {
              onSuccess: () => {
                guard.release()
                void navigate({ to: '/sampling-rules' })
              },
              onSettled: () => setDeleteOpen(false),
            })
          }
        />
      )}
      <UnsavedChangesDialog open={guard.blocker.status === 'blocked'} onStay={() => guard.blocker.reset?.()} onLeave={() => guard.blocker.proceed?.()} />
    </div>
  )
}
