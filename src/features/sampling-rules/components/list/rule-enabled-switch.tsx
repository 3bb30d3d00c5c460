import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Switch } from '@/components/ui/switch'
import type { RuleResponse, SimulateResponse } from '@/contract/rules'
import { cn } from '@/lib/cn'
import { samplingRuleQueries } from '../../api/rule-queries'
import { isBigDrop, isPlaceholderEstimate, noEstimateError } from '../../estimate'
import { BigDropDialog } from '../big-drop-dialog'
import { useReorderLocked } from './reorder-lock'

interface RuleEnabledSwitchProps {
  rule: RuleResponse
  environmentId: number
  /** The list's one optimistic toggle (shared by every row). */
  onToggle: (change: { id: string; enabled: boolean }) => void
}

type Pending = { estimate: SimulateResponse; error?: undefined } | { estimate: null; error: unknown }

/**
 * Turning a rule off is immediate. Turning it on first estimates what it would drop (last 24 h,
 * behind the enabled rules ahead of it); above the threshold, or when no estimate can be made,
 * the user confirms with the number in front of them.
 */
export function RuleEnabledSwitch({ rule, environmentId, onToggle }: RuleEnabledSwitchProps) {
  // A reorder's answer would overwrite the switch: it waits.
  const locked = useReorderLocked()
  const queryClient = useQueryClient()
  const [estimating, setEstimating] = useState(false)
  const [pending, setPending] = useState<Pending | null>(null)
  const inactive = locked || estimating

  const onCheckedChange = async (enabled: boolean) => {
    if (inactive) return
    if (!enabled) return onToggle({ id: rule.id, enabled })
    setEstimating(true)
    try {
      const estimate = await queryClient.fetchQuery(samplingRuleQueries.simulateSaved(environmentId, rule.id))
      if (isPlaceholderEstimate(estimate)) setPending({ estimate: null, error: noEstimateError() })
      else if (isBigDrop(estimate)) setPending({ estimate })
      else onToggle({ id: rule.id, enabled })
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
          onToggle({ id: rule.id, enabled: true })
        }}
        onCancel={() => setPending(null)}
      />
    </div>
  )
}
