import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { toast } from '@/components/ui/toast-store'
import type { RuleDraft, RuleResponse, SimulateResponse } from '@/contract/rules'
import { isApiError } from '@/lib/api-client'
import { samplingRuleQueries } from '../api/rule-queries'
import { isBigDrop, isPlaceholderEstimate, noEstimateError } from '../estimate'
import { fieldForAttr } from '../form/field-keys'
import { focusField, focusFirstInvalid } from '../form/focus-field'
import { newRuleValues } from '../form/form-values'
import { ruleToForm } from '../form/from-rule'
import { useRuleForm } from './use-rule-form'
import { useSaveRule } from './use-save-rule'
import { useUnsavedGuard } from './use-unsaved-guard'

export interface BigDropCheck {
  draft: RuleDraft
  estimate: SimulateResponse | null
  error?: unknown
}

/**
 * The editor's save flow: validate, ask before enabling a rule that drops a lot, save with the
 * loaded version, put a server 400 on its field, and turn a 409 into the conflict decision.
 */
export function useRuleEditor(environmentId: number, rule: RuleResponse | undefined, position: number | undefined) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useRuleForm(() => (rule ? ruleToForm(rule) : newRuleValues()))
  const formRef = useRef<HTMLFormElement>(null)
  const [base, setBase] = useState(rule)
  const [theirs, setTheirs] = useState<RuleResponse | null>(null)
  const [bigDrop, setBigDrop] = useState<BigDropCheck | null>(null)
  const [estimating, setEstimating] = useState(false)
  const save = useSaveRule(environmentId, rule?.id)
  const guard = useUnsavedGuard(form.dirty)

  const persist = (draft: RuleDraft, version: number | undefined) =>
    save.mutate(
      { draft, version },
      {
        onSuccess: (outcome) => {
          if (outcome.kind === 'conflict') return setTheirs(outcome.theirs)
          setTheirs(null)
          if (!rule) {
            toast.success(`Created “${outcome.rule.name}”`)
            guard.release()
            return void navigate({ to: '/sampling-rules' })
          }
          toast.success(`Saved “${outcome.rule.name}”`)
          setBase(outcome.rule)
          form.reset(ruleToForm(outcome.rule))
        },
        onError: (error) => {
          setTheirs(null)
          if (!isApiError(error) || error.status !== 400) return
          const { key, prefix } = fieldForAttr(error.attr, form.values)
          form.setServerError(key, prefix + error.detail)
          window.setTimeout(() => focusField(key))
        },
      },
    )

  const submit = async () => {
    form.markSubmitted()
    const { draft, previewDraft } = form.validation
    if (!draft) return void window.setTimeout(() => focusFirstInvalid(formRef.current))
    if (draft.enabled && !base?.enabled && previewDraft) {
      setEstimating(true)
      try {
        const body = { ...previewDraft, position, date_from: '-24h' }
        const estimate = await queryClient.fetchQuery(samplingRuleQueries.simulateDraft(environmentId, body))
        if (isPlaceholderEstimate(estimate)) return setBigDrop({ draft, estimate: null, error: noEstimateError() })
        if (isBigDrop(estimate)) return setBigDrop({ draft, estimate })
      } catch (error) {
        return setBigDrop({ draft, estimate: null, error })
      } finally {
        setEstimating(false)
      }
    }
    persist(draft, base?.version)
  }

  return {
    form,
    formRef,
    base,
    guard,
    saving: save.isPending || estimating,
    submit,
    bigDrop: {
      check: bigDrop,
      confirm: () => {
        if (bigDrop) persist(bigDrop.draft, base?.version)
        setBigDrop(null)
      },
      cancel: () => setBigDrop(null),
    },
    conflict: {
      theirs,
      reloadTheirs: () => {
        if (!theirs) return
        setBase(theirs)
        form.reset(ruleToForm(theirs))
        setTheirs(null)
        toast.info(`Loaded version ${theirs.version} from the server`)
      },
      overwrite: () => {
        if (theirs && form.validation.draft) persist(form.validation.draft, theirs.version)
      },
      cancel: () => setTheirs(null),
    },
  }
}
