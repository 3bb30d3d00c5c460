import { useMemo, type ReactNode, type RefObject } from 'react'
import { ruleTypeLabels } from '../../form/labels'
import type { FieldErrors } from '../../form/to-draft'
import type { useRuleForm } from '../../hooks/use-rule-form'
import { BasicsSection } from './basics-section'
import { FormErrorSummary } from './form-error-summary'
import { PathDropConfig } from './path-drop-config'
import { RateLimitConfig } from './rate-limit-config'
import { RuleFormContext } from './rule-form-context'
import { ScopeSection } from './scope-section'
import { SeverityConfig } from './severity-config'

interface RuleFormProps {
  form: ReturnType<typeof useRuleForm>
  environmentId: number
  formRef: RefObject<HTMLFormElement | null>
  /** Shown above the form after a refused save. */
  summary: FieldErrors | null
  onSubmit: () => void
  actions: ReactNode
}

const configs = { severity_sampling: SeverityConfig, path_drop: PathDropConfig, rate_limit: RateLimitConfig }

/** The rule's fields; a field left (blur) starts showing its problems. Ctrl+S / ⌘S saves. */
export function RuleForm({ form, environmentId, formRef, summary, onSubmit, actions }: RuleFormProps) {
  const { values, errors, update, touch } = form
  const context = useMemo(() => ({ environmentId, values, errors, update }), [environmentId, values, errors, update])
  const Config = configs[values.rule_type]

  return (
    <RuleFormContext value={context}>
      <form
        ref={formRef}
        noValidate
        aria-label="Sampling rule"
        className="min-w-0 space-y-8"
        onSubmit={(event) => {
          event.preventDefault()
          onSubmit()
        }}
        onKeyDown={(event) => {
          // Ctrl+S / ⌘S saves, as in any editor, instead of the browser's "save page".
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
            event.preventDefault()
            onSubmit()
          }
        }}
        onBlur={(event) => {
          const name = (event.target as Element).getAttribute('name')
          if (name) touch(name)
        }}
      >
        {summary && <FormErrorSummary errors={summary} />}
        <BasicsSection />
        <ScopeSection />
        <section aria-labelledby="rule-config" className="space-y-4">
          <h2 id="rule-config" className="text-base font-semibold">
            {ruleTypeLabels[values.rule_type]}
          </h2>
          <Config />
        </section>
        {actions}
      </form>
    </RuleFormContext>
  )
}
