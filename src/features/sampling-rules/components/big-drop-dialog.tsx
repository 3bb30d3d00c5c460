import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import type { SimulateResponse } from '@/contract/rules'
import { formatCount } from '@/lib/format'
import { BIG_DROP_PCT } from '../estimate'
import { formatBytes, formatReduction } from '../form/format-bytes'

interface BigDropDialogProps {
  open: boolean
  ruleName: string
  /** The estimate; null when it could not be made (`error` says why). */
  estimate: SimulateResponse | null
  error?: unknown
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}

/** "This would drop 42 % of your logs": the number, before anything is dropped for good. */
export function BigDropDialog({ open, ruleName, estimate, error, confirmLabel, onConfirm, onCancel }: BigDropDialogProps) {
  const title = estimate ? `Drop ${formatReduction(estimate.estimated_reduction_pct)} of logs?` : 'Enable without an estimate?'
  return (
    <ConfirmDialog open={open} title={title} tone="danger" confirmLabel={confirmLabel} cancelLabel="Keep it disabled" onConfirm={onConfirm} onCancel={onCancel}>
      {estimate ? (
        <p>
          Enabling “{ruleName}” would drop an estimated{' '}
          <strong className="whitespace-nowrap text-foreground">{formatReduction(estimate.estimated_reduction_pct)}</strong> of the logs stored in the window
          {estimate.dropped_logs !== undefined && estimate.total_logs !== undefined && (
            <>
              {' '}
              ({formatCount(estimate.dropped_logs)} of {formatCount(estimate.total_logs)} logs
              {estimate.dropped_bytes !== undefined && `, ${formatBytes(estimate.dropped_bytes)}`})
            </>
          )}
          , more than {BIG_DROP_PCT} %. Dropped logs are never stored and cannot be recovered.
        </p>
      ) : (
        <p>
          The impact of “{ruleName}” could not be estimated
          {error instanceof Error ? `: ${error.message}` : ''}. Enabling it may drop logs that cannot be recovered.
        </p>
      )}
    </ConfirmDialog>
  )
}
