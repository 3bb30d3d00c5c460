import { Link } from '@tanstack/react-router'
import { Button, buttonVariants } from '@/components/ui/button'
import { Glyph } from '@/components/ui/glyph'

interface EditorActionsProps {
  isNew: boolean
  dirty: boolean
  saving: boolean
  onDelete?: () => void
}

/** Save, cancel and delete, kept in view at the bottom of the form. */
export function EditorActions({ isNew, dirty, saving, onDelete }: EditorActionsProps) {
  return (
    <div className="sticky bottom-0 z-10 -mx-6 flex flex-wrap items-center gap-3 border-t border-border bg-background/95 px-6 py-3 backdrop-blur">
      <Button type="submit" variant="primary" disabled={saving} aria-busy={saving} aria-keyshortcuts="Control+S Meta+S" title="Ctrl+S / ⌘S">
        {saving ? 'Saving…' : isNew ? 'Create rule' : 'Save changes'}
      </Button>
      <Link to="/sampling-rules" className={buttonVariants()}>
        Cancel
      </Link>
      <span className="text-sm text-muted-foreground" role="status">
        {dirty ? 'Unsaved changes' : isNew ? '' : 'All changes saved'}
      </span>
      {onDelete && (
        <Button variant="ghost" className="ml-auto text-danger" onClick={onDelete}>
          <Glyph name="trash" />
          Delete rule
        </Button>
      )}
    </div>
  )
}
