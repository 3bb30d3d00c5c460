import type { SimulateResponse } from '@/contract/rules'

/** Enabling a rule that drops more than this share of the stored volume asks first. */
export const BIG_DROP_PCT = 25

export const isBigDrop = (estimate: SimulateResponse) => estimate.estimated_reduction_pct > BIG_DROP_PCT

/** A real PostHog host answers a 0.0 placeholder without any counts: that is no estimate, not 0 %. */
export const isPlaceholderEstimate = (estimate: SimulateResponse) => estimate.total_logs === undefined && estimate.matched_logs === undefined

/** Why enabling cannot be judged from a placeholder answer (shown in the confirmation). */
export const noEstimateError = () => new Error('this backend does not compute simulations')
