import { createContext, use } from 'react'
import { fieldId } from '../../form/field-keys'
import type { RuleFormValues } from '../../form/form-values'
import type { FieldErrors } from '../../form/to-draft'
import type { UpdateForm } from '../../hooks/use-rule-form'

interface RuleFormContextValue {
  environmentId: number
  values: RuleFormValues
  errors: FieldErrors
  update: UpdateForm
}

export const RuleFormContext = createContext<RuleFormContextValue | null>(null)

export function useRuleFormContext(): RuleFormContextValue {
  const context = use(RuleFormContext)
  if (!context) throw new Error('useRuleFormContext needs a <RuleFormContext> around it.')
  return context
}

/** The attributes that tie an input to its error (and hint): id, name, aria-invalid, aria-describedby. */
export function useFieldControl(key: string, hint = false) {
  const { errors } = useRuleFormContext()
  const id = fieldId(key)
  const error = errors[key]
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return {
    error,
    props: { id, name: key, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined },
  }
}
