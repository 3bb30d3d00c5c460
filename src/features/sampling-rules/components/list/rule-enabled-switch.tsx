import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Switch } from '@/components/ui/switch'
import type { RuleResponse, SimulateResponse } from '@/contract/rules'
import { cn } from '@/lib/cn'
import { samplingRuleQueries } from '../../api/rule-queries'
import { useToggleRule } from '../../hooks/use-toggle-rule'
import { BigDropDialog, isBigDrop } from '../big-drop-dialog'

interface RuleEnabledSwitchProps {
  rule: RuleResponse
  environmentId: number
  /** A reorder is in flight: its answer would overwrite this switch. */
  locked: boolean
}

type Pending = { estimate: SimulateResponse; error?: undefined } | { estimate: null; error: unknown }

/**
 * Turning a rule off is immediate. Turning it on first estimates what it would drop (last 24 h,
 * behind the enabled rules ahead of it); above the threshold, or when no estimate can be made,
 * the user confirms with the number in front of them.
 */
export function RuleEnabledSwitch({ rule, environmentId, locked }: RuleEnabledSwitchProps) {
  const queryClient = useQueryClient()
  const toggle = useToggleRule(environmentId)
  const [estimating, setEstimating] = useState(false)
  const [pending, setPending] = useState<Pending | null>(null)
  const inactive = locked || estimating

  const onCheckedChange = async (enabled: boolean) => {
    if (inactive) return
    if (!enabled) return toggle.mutate({ id: rule.id, enabled })
    setEstimating(true)
    try {
      const estimate = await queryClient.fetchQuery(samplingRuleQueries.simulateSaved(environmentId, rule.id))
      if (isBigDrop(estimate)) setPending({ estimate })
      else toggle.mutate({ id: rule.id, enabled })
    } catch (error) {
      setPending({ estimate: null, error })
    } finally {
      setEstimating(false)
    }
  }

  return (
    <div className="flex items-center gap-2">
      <Switch
        checked={rule.enabled}
        onCheckedChange={(next) => void onCheckedChange(next)}
        aria-label={`Enabled: ${rule.name}`}
        aria-disabled={inactive || undefined}
        aria-busy={estimating || undefined}
        className={cn(inactive && 'cursor-not-allowed opacity-60')}
      />
      {estimating && <span className="text-xs text-muted-foreground">Estimating…</span>}
      <BigDropDialog
        open={pending !== null}
        ruleName={rule.name}
        estimate={pending?.estimate ?? null}
        error={pending?.error}
        confirmLabel={pending?.estimate ? 'Enable and drop these logs' : 'Enable anyway'}
        onConfirm={() => {
          setPending(null)
          toggle.mutate({ id: rule.id, enabled: true })
        }}
        onCancel={() => setPending(null)}
      />
    </div>
  )
}
