import { fieldId } from '../../form/field-keys'

/** The message under an input; its id is what the input's `aria-describedby` points at. */
export function FieldError({ fieldKey, message }: { fieldKey: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p id={`${fieldId(fieldKey)}-error`} className="text-xs text-danger">
      {message}
    </p>
  )
}
