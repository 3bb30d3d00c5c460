import { bucketStart, bucketStarts, bucketStepMs } from '@/contract/buckets'
import type { SparklinePoint } from '@/contract/logs'
import { normaliseLevel, type Level } from '@/contract/severity'

/** One bucket of the volume chart: its start (epoch ms) and a count per level. */
export type VolumeBucket = { time: number; total: number } & Record<Level, number>

export interface VolumeSeries {
  stepMs: number
  buckets: VolumeBucket[]
  total: number
}

/** Puts a by-severity sparkline answer on the contract's bucket grid and fills empty buckets with zeros. */
export function shapeVolume(points: readonly SparklinePoint[], window: { fromMs: number; toMs: number }): VolumeSeries {
  const stepMs = bucketStepMs(window.toMs - window.fromMs)
  const byBucket = new Map<number, VolumeBucket>()
  const buckets = bucketStarts(window.fromMs, window.toMs, stepMs).map((time) => {
    const bucket: VolumeBucket = { time, total: 0, debug: 0, info: 0, warn: 0, error: 0 }
    byBucket.set(time, bucket)
    return bucket
  })
  let total = 0
  for (const point of points) {
    const ms = Date.parse(point.time)
    const bucket = Number.isFinite(ms) ? byBucket.get(bucketStart(ms, stepMs)) : undefined
    if (!bucket) continue
    const level = normaliseLevel(point.severity, null)
    bucket[level] += point.count
    bucket.total += point.count
    total += point.count
  }
  return { stepMs, buckets, total }
}
