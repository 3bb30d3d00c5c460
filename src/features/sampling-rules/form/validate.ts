import type { z } from 'zod'
import { attrPath } from '@/contract/errors'
import { draftSimulateBodySchema, ruleDraftSchema, type RuleDraft } from '@/contract/rules'
import { formatCount } from '@/lib/format'
import type { PreviewDraft } from '../api/rule-queries'
import { fieldForAttr, FORM_LEVEL } from './field-keys'
import type { RuleFormValues } from './form-values'
import { readDraftInput, type FieldErrors } from './to-draft'

export interface RuleFormValidation {
  /** The rule to save; null while any field has a problem. */
  draft: RuleDraft | null
  /** By field key; FORM_LEVEL for problems no input shows. */
  errors: FieldErrors
  /** What the preview can estimate: the same rule without its name (not needed to simulate). */
  previewDraft: PreviewDraft | null
}

type Issue = z.core.$ZodIssue

/** Zod's generic sentences, said the way the form's inputs are labelled. */
function messageFor(issue: Issue, key: string): string {
  const isPct = /^config__actions__\w+__rate$/.test(key)
  if (isPct && issue.code !== 'invalid_type') return 'Enter the percentage of logs to keep, from 0 to 100.'
  if (key === 'config__burst' && issue.code === 'custom') return issue.message.replace(/^burst_(logs|kb) must be at least (logs|kb)_per_second/, 'The burst must be at least the rate')
  if (key === 'config__rate' && issue.code === 'custom') return 'Enter a rate.'
  if (key === 'config__patterns' && issue.code === 'custom' && issue.path.length === 2) {
    return 'Add at least one pattern or a condition below; without either the rule could never match.'
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Required.' : `Enter at least ${issue.minimum} characters.`
      if (issue.origin === 'number') return `Must be at least ${formatCount(Number(issue.minimum))}.`
      break
    case 'too_big':
      if (issue.origin === 'string') return `Must be at most ${formatCount(Number(issue.maximum))} characters.`
      if (issue.origin === 'number') return `Must be at most ${formatCount(Number(issue.maximum))}.`
      if (issue.origin === 'array') return `At most ${formatCount(Number(issue.maximum))} entries.`
      break
    case 'invalid_type':
      if (issue.expected === 'int') return 'Enter a whole number.'
      if (issue.expected === 'number') return 'Enter a number.'
      break
  }
  return issue.message
}

function addIssues(issues: readonly Issue[], values: RuleFormValues, errors: FieldErrors) {
  for (const issue of issues) {
    const { key, prefix } = fieldForAttr(attrPath(issue.path), values)
    // The first problem of a field is the one to fix first (and the server reports that one too).
    if (!(key in errors)) errors[key] = prefix + (key === FORM_LEVEL ? `${attrPath(issue.path) ?? 'rule'}: ${issue.message}` : messageFor(issue, key))
  }
}

/**
 * Checks the form with the contract's own schemas, so the browser refuses exactly what the server
 * would, and says it at the input the server's `attr` would name.
 */
export function validateRuleForm(values: RuleFormValues): RuleFormValidation {
  const { input, errors } = readDraftInput(values)
  const readable = Object.keys(errors).length === 0
  const saved = ruleDraftSchema.safeParse(input)
  if (!saved.success) addIssues(saved.error.issues, values, errors)

  const { name: _name, enabled: _enabled, ...rest } = input
  const preview = readable ? draftSimulateBodySchema.safeParse(rest) : null
  let previewDraft: PreviewDraft | null = null
  if (preview?.success) {
    const { name: _n, enabled: _e, priority: _p, date_from: _f, date_to: _t, position: _pos, ...draft } = preview.data
    // The same fields as a saved draft's, per rule type.
    previewDraft = draft as PreviewDraft
  }
  return { draft: saved.success && readable ? saved.data : null, errors, previewDraft }
}
