import { FORM_LEVEL } from '../../form/field-keys'
import { fieldLabel } from '../../form/field-labels'
import type { FieldErrors } from '../../form/to-draft'
import { focusField } from '../../form/focus-field'

/** After a refused save: every problem, each a link to its field; problems of no field in full. */
export function FormErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors)
  if (entries.length === 0) return null
  return (
    <div role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-4 py-3 text-sm">
      <p className="font-medium text-danger">
        {entries.length === 1 ? 'Fix this problem before saving:' : `Fix these ${entries.length} problems before saving:`}
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {entries.map(([key, message]) => (
          <li key={key}>
            {key === FORM_LEVEL ? (
              message
            ) : (
              <button type="button" className="text-left underline-offset-2 hover:underline" onClick={() => focusField(key)}>
                {fieldLabel(key)}: {message}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
