import { describe, expect, it } from 'vitest'
import type { SparklinePoint } from '@/contract/logs'
import { shapeVolume } from './shape-volume'

const MINUTE = 60_000
const from = Date.UTC(2026, 0, 2, 10, 0, 30)

function point(time: string, severity: string | null, count: number): SparklinePoint {
  return { time, severity, service: null, count, bytes_uncompressed: 0 }
}

describe('volume by severity', () => {
  it('puts each level on the contract bucket grid, fills empty buckets with zeros and totals them', () => {
    const series = shapeVolume(
      [
        point('2026-01-02T10:05:00Z', 'error', 3),
        point('2026-01-02T10:05:00Z', 'info', 10),
        point('2026-01-02T10:05:20Z', 'warn', 2),
        point('2026-01-02T10:30:00Z', 'fatal', 1),
        point('2026-01-02T09:00:00Z', 'info', 99),
      ],
      { fromMs: from, toMs: from + 60 * MINUTE },
    )
    expect(series.stepMs).toBe(MINUTE)
    expect(series.buckets).toHaveLength(61)
    expect(series.buckets[5]).toEqual({ time: Date.UTC(2026, 0, 2, 10, 5), total: 15, debug: 0, info: 10, warn: 2, error: 3 })
    expect(series.buckets[30]).toMatchObject({ error: 1, total: 1 })
    expect(series.buckets[0]).toEqual({ time: Date.UTC(2026, 0, 2, 10, 0), total: 0, debug: 0, info: 0, warn: 0, error: 0 })
    expect(series.total).toBe(16)
  })

  it('uses the coarser steps of longer windows (7 days → 4 hours)', () => {
    const series = shapeVolume([], { fromMs: from, toMs: from + 7 * 24 * 60 * MINUTE })
    expect(series.stepMs).toBe(4 * 60 * MINUTE)
    expect(series.buckets.every((b) => b.total === 0)).toBe(true)
  })
})
