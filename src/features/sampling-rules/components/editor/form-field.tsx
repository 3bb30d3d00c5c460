import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { fieldId } from '../../form/field-keys'
import { FieldError } from './field-error'
import { useFieldControl } from './rule-form-context'

type ControlProps = ReturnType<typeof useFieldControl>['props']

interface FormFieldProps {
  fieldKey: string
  label: ReactNode
  hint?: ReactNode
  /** Groups (radio groups) name themselves; their visible label is then plain text. */
  labelsControl?: boolean
  className?: string
  children: (control: ControlProps) => ReactNode
}

/** Label, control, hint and error of one field, wired together for assistive technology. */
export function FormField({ fieldKey, label, hint, labelsControl = true, className, children }: FormFieldProps) {
  const { error, props } = useFieldControl(fieldKey, hint !== undefined)
  const id = fieldId(fieldKey)
  return (
    <div className={cn('space-y-1.5', className)}>
      {labelsControl ? (
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
      ) : (
        <p className="text-sm font-medium">{label}</p>
      )}
      {children(props)}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      <FieldError fieldKey={fieldKey} message={error} />
    </div>
  )
}
