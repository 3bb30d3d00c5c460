import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { AutocompleteInput } from '@/components/ui/autocomplete-input'
import { Input } from '@/components/ui/input'
import { SCOPE_SERVICE_MAX } from '@/contract/rules'
import { ruleLookupQueries } from '../../api/lookup-queries'
import { scopeOpLabels } from '../../form/labels'
import { ConditionRows } from './condition-rows'
import { FormField } from './form-field'
import { useRuleFormContext } from './rule-form-context'

/** Which logs the rule looks at: a service, a path pattern, attribute conditions (all must hold). */
export function ScopeSection() {
  const { environmentId, values, update } = useRuleFormContext()
  const [wantServices, setWantServices] = useState(false)
  const services = useQuery({ ...ruleLookupQueries.services(environmentId), enabled: wantServices })

  return (
    <section aria-labelledby="rule-scope" className="space-y-4">
      <div>
        <h2 id="rule-scope" className="text-base font-semibold">
          Scope
        </h2>
        <p className="text-sm text-muted-foreground">Logs outside the scope go on to the next rule. Leave everything empty to look at every log.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField fieldKey="scope_service" label="Service" hint="Exact service.name; empty means every service.">
          {(control) => (
            <AutocompleteInput
              {...control}
              value={values.scope_service}
              maxLength={SCOPE_SERVICE_MAX}
              placeholder="All services"
              options={services.data ?? []}
              loading={services.isFetching && !services.data}
              onOpen={() => setWantServices(true)}
              onValueChange={(scope_service) => update('scope_service', (v) => ({ ...v, scope_service }))}
            />
          )}
        </FormField>
        <FormField fieldKey="scope_path_pattern" label="Path pattern" hint="A regex searched in url.path, http.path, http.route or path.">
          {(control) => (
            <Input
              {...control}
              className="font-mono"
              spellCheck={false}
              value={values.scope_path_pattern}
              placeholder="^/api/"
              onChange={(e) => update('scope_path_pattern', (v) => ({ ...v, scope_path_pattern: e.target.value }))}
            />
          )}
        </FormField>
      </div>
      <ConditionRows
        legend="Attribute filters"
        hint="Every filter must hold for a log to be in scope."
        fieldPrefix="scope_attribute_filters"
        rows={values.scope_attribute_filters}
        ops={scopeOpLabels}
        defaultOp="eq"
        itemName="Filter"
        addLabel="Add attribute filter"
        onChange={(key, rows) => update(key, (v) => ({ ...v, scope_attribute_filters: rows }))}
      />
    </section>
  )
}
