import { useCallback, useMemo, useState } from 'react'
import type { RuleFormValues } from '../form/form-values'
import type { FieldErrors } from '../form/to-draft'
import { validateRuleForm } from '../form/validate'

/** The form's values without row ids: what "changed" compares. */
const snapshot = (values: RuleFormValues) => JSON.stringify(values, (key, value: unknown) => (key === 'id' ? undefined : value))

export type UpdateForm = (fieldKey: string, recipe: (values: RuleFormValues) => RuleFormValues) => void

/**
 * The editor's state. Client problems show once a field was left (blur) or a save was tried;
 * problems the server reported show until their field is edited.
 */
export function useRuleForm(initial: () => RuleFormValues) {
  const [values, setValues] = useState(initial)
  const [baseline, setBaseline] = useState(() => snapshot(values))
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set())
  const [submitted, setSubmitted] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})

  const validation = useMemo(() => validateRuleForm(values), [values])
  const dirty = useMemo(() => snapshot(values) !== baseline, [values, baseline])

  const errors = useMemo(() => {
    const shown: FieldErrors = {}
    for (const [key, message] of Object.entries(validation.errors)) if (submitted || touched.has(key)) shown[key] = message
    return { ...shown, ...serverErrors }
  }, [validation.errors, submitted, touched, serverErrors])

  const update: UpdateForm = useCallback((fieldKey, recipe) => {
    setValues(recipe)
    setServerErrors((current) => {
      if (!(fieldKey in current)) return current
      const { [fieldKey]: _fixed, ...rest } = current
      return rest
    })
  }, [])

  const touch = useCallback((fieldKey: string) => {
    setTouched((current) => (current.has(fieldKey) ? current : new Set(current).add(fieldKey)))
  }, [])

  /** Starts over from `next` (a saved or reloaded rule): nothing is unsaved or flagged any more. */
  const reset = useCallback((next: RuleFormValues) => {
    setValues(next)
    setBaseline(snapshot(next))
    setTouched(new Set())
    setSubmitted(false)
    setServerErrors({})
  }, [])

  return {
    values,
    submitted,
    validation,
    errors,
    dirty,
    update,
    touch,
    reset,
    /** A save was tried: every problem shows from now on. */
    markSubmitted: useCallback(() => setSubmitted(true), []),
    setServerError: useCallback((fieldKey: string, message: string) => setServerErrors({ [fieldKey]: message }), []),
  }
}
