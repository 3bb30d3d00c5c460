import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { storedRuleSchema } from '../../src/contract/rules'
import type { LogRecord } from '../logs/record'
import { compileRules } from './engine'
import { meterSeconds, type SecondRow } from './simulate'

/** A second's worth of metered logs of 1 KB each, arriving evenly from its start to its last ms. */
const second = (sec: number, n: number, bytesEach = 1024): SecondRow => ({
  sec,
  metered: n,
  meteredBytes: n * bytesEach,
  firstUs: sec * 1e6,
  lastUs: sec * 1e6 + (n > 1 ? Math.floor(((n - 1) * 1e6) / n) : 0),
})

/** The time of the i-th of n logs spread evenly through a second, as `second` assumes. */
const arrivalUs = (s: SecondRow, i: number) => s.firstUs + (s.metered > 1 ? ((s.lastUs - s.firstUs) * i) / (s.metered - 1) : 0)

/** What the engine's own bucket drops when each second's logs arrive as the rows say. */
function engineDrops(seconds: SecondRow[], config: Record<string, unknown>): number {
  const rule = storedRuleSchema.parse({
    id: randomUUID(),
    name: 'limit',
    enabled: true,
    priority: 0,
    rule_type: 'rate_limit',
    scope_service: null,
    scope_path_pattern: null,
    scope_attribute_filters: [],
    config,
    version: 1,
    created_by: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  })
  const set = compileRules([rule])
  let dropped = 0
  for (const s of seconds) {
    const bytes = s.meteredBytes / s.metered
    for (let i = 0; i < s.metered; i++) {
      const log = { uuid: randomUUID(), attributes: {}, resourceAttributes: {}, serviceName: '', level: 'info', bytes } as unknown as LogRecord
      if (set.evaluate(log, arrivalUs(s, i) / 1000).action === 'drop') dropped++
    }
  }
  return dropped
}

const total = (drops: { logs: number }[]) => drops.reduce((n, d) => n + d.logs, 0)

describe('meterSeconds (the rate-limit estimate)', () => {
  const limit = { rate: 10, burst: 30, byKb: false }

  it('drops nothing while traffic stays under the rate', () => {
    expect(meterSeconds([0, 1, 2, 3].map((sec) => second(sec, 10)), limit)).toEqual([])
  })

  it('lets a burst through up to the bucket plus the refill while it lasts, then the rate', () => {
    const drops = meterSeconds([second(0, 100), second(1, 100)], limit)
    // Second 0: 30 in the bucket + 9.9 refilled over its 0.99 s = 39 kept. Second 1: ~10 kept.
    expect(drops.map((d) => d.logs)).toEqual([61, 90])
    expect(drops[0]!.bytes).toBe(61 * 1024)
  })

  it('refills during quiet seconds, never above the burst', () => {
    expect(meterSeconds([second(0, 30), second(100, 30)], limit)).toEqual([])
    expect(meterSeconds([second(0, 30), second(100, 31)], limit)).toEqual([])
    // Logs arriving all at one instant get only what the bucket holds then.
    expect(meterSeconds([second(0, 30), { ...second(1, 31), lastUs: 1e6 }], limit)).toEqual([{ sec: 1, logs: 21, bytes: 21 * 1024 }])
  })

  it('loses the refill of the part of a second before its first log (the bucket sat full)', () => {
    const late = { ...second(0, 20), firstUs: 500_000, lastUs: 999_000 }
    const early = { ...second(0, 20), firstUs: 0, lastUs: 499_000 }
    const tight = { rate: 10, burst: 10, byKb: false }
    expect(meterSeconds([late], tight)).toEqual(meterSeconds([early], tight))
    expect(meterSeconds([late], tight)[0]!.logs).toBe(6)
  })

  it("meters kilobytes by each second's average log size", () => {
    const drops = meterSeconds([{ ...second(5, 10, 2048), lastUs: 5e6 }], { rate: 4, burst: 4, byKb: true })
    expect(drops).toEqual([{ sec: 5, logs: 8, bytes: 8 * 2048 }])
  })

  it("matches the engine's own token bucket under even arrival, within one log per busy second", () => {
    let seed = 3
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (const [rate, burst] of [
      [5, 15],
      [20, 20],
      [50, 400],
    ] as const) {
      const seconds: SecondRow[] = []
      for (let sec = 0; sec < 600; sec++) if (rand() < 0.6) seconds.push(second(sec, Math.floor(rand() * rand() * 4 * rate) + 1))
      const drops = meterSeconds(seconds, { rate, burst, byKb: false })
      const real = engineDrops(seconds, { logs_per_second: rate, burst_logs: burst })
      expect(real).toBeGreaterThan(0)
      expect(Math.abs(total(drops) - real), `rate ${rate}: estimated ${total(drops)}, engine ${real}`).toBeLessThanOrEqual(drops.length)
    }
  })
})
