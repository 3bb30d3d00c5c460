/** The adaptive sparkline bucket rule (api.md §3): about 50 buckets, step nearest range/50. */
const S = 1000
export const bucketSteps = [
  S, 5 * S, 10 * S, 60 * S, 120 * S, 300 * S, 600 * S, 900 * S, 1800 * S,
  3600 * S, 7200 * S, 14400 * S, 21600 * S, 43200 * S, 86400 * S,
] as const

export function bucketStepMs(rangeMs: number): number {
  const target = Math.max(rangeMs, 0) / 50
  let best: number = bucketSteps[0]
  for (const step of bucketSteps) {
    // strictly nearer wins, so ties keep the smaller step
    if (Math.abs(step - target) < Math.abs(best - target)) best = step
  }
  return best
}

/** Start of the UTC-aligned bucket containing `ms`. */
export function bucketStart(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs
}

/** Every bucket start from the one containing `fromMs` to the one containing `toMs - 1`. */
export function bucketStarts(fromMs: number, toMs: number, stepMs: number): number[] {
  const out: number[] = []
  if (toMs <= fromMs) return out
  for (let t = bucketStart(fromMs, stepMs); t < toMs; t += stepMs) out.push(t)
  return out
}
