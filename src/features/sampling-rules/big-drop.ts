import type { SimulateResponse } from '@/contract/rules'

/** Enabling a rule that drops more than this share of the stored volume asks first. */
export const BIG_DROP_PCT = 25

export const isBigDrop = (estimate: SimulateResponse) => estimate.estimated_reduction_pct > BIG_DROP_PCT
