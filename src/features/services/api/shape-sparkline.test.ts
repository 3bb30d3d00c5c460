import { describe, expect, it } from 'vitest'
import { bucketStarts } from '@/contract/buckets'
import type { SparklinePoint } from '@/contract/logs'
import { seriesByService, zeroFilledSeries } from './shape-sparkline'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const from = Date.UTC(2026, 0, 2, 10, 0, 30)

function point(time: string, service: string | null, count: number): SparklinePoint {
  return { time, service, severity: null, count, bytes_uncompressed: count * 100 }
}

describe('sparkline shaping', () => {
  it('puts counts on the contract bucket grid of a 1-hour window and fills the gaps with zeros', () => {
    const series = zeroFilledSeries(
      [
        { time: '2026-01-02T10:05:00Z', count: 3 },
        { time: '2026-01-02T10:05:30.250Z', count: 2 },
        { time: '2026-01-02T10:30:00Z', count: 7 },
        { time: '2026-01-02T09:00:00Z', count: 99 },
      ],
      { fromMs: from, toMs: from + HOUR },
    )

    expect(series.stepMs).toBe(MINUTE)
    expect(series.buckets.map((b) => b.time)).toEqual(bucketStarts(from, from + HOUR, MINUTE))
    expect(series.buckets).toHaveLength(61)
    expect(series.buckets[0]).toEqual({ time: Date.UTC(2026, 0, 2, 10, 0), count: 0 })
    expect(series.buckets[5]).toEqual({ time: Date.UTC(2026, 0, 2, 10, 5), count: 5 })
    expect(series.buckets[30]).toEqual({ time: Date.UTC(2026, 0, 2, 10, 30), count: 7 })
    expect(series.buckets.filter((b) => b.count > 0)).toHaveLength(2)
    expect(series.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(12)
  })

  it('uses the bucket step the API uses for longer windows (24 h → 30 min, 7 d → 4 h)', () => {
    const day = zeroFilledSeries([], { fromMs: from, toMs: from + 24 * HOUR })
    expect(day.stepMs).toBe(30 * MINUTE)
    expect(day.buckets.every((b) => b.count === 0 && b.time % (30 * MINUTE) === 0)).toBe(true)

    const week = zeroFilledSeries([{ time: '2026-01-05T13:59:59Z', count: 4 }], { fromMs: from, toMs: from + 7 * 24 * HOUR })
    expect(week.stepMs).toBe(4 * HOUR)
    expect(week.buckets.find((b) => b.count > 0)).toEqual({ time: Date.UTC(2026, 0, 5, 12), count: 4 })
  })

  it('splits a by-service answer into one zero-filled series per requested service', () => {
    const window = { fromMs: from, toMs: from + HOUR }
    const byService = seriesByService(
      [
        point('2026-01-02T10:01:00Z', 'api', 4),
        point('2026-01-02T10:02:00Z', '', 6),
        point('2026-01-02T10:02:00Z', '(no service)', 1),
        point('2026-01-02T10:03:00Z', '(other)', 50),
      ],
      ['api', '(no service)', 'quiet'],
      window,
    )

    expect([...byService.keys()]).toEqual(['api', '(no service)', 'quiet'])
    expect(byService.get('api')!.buckets[1]!.count).toBe(4)
    expect(byService.get('(no service)')!.buckets[2]!.count).toBe(7)
    expect(byService.get('quiet')!.buckets).toHaveLength(61)
    expect(byService.get('quiet')!.buckets.every((b) => b.count === 0)).toBe(true)
  })
})
