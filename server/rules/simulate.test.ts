import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { storedRuleSchema } from '../../src/contract/rules'
import type { LogRecord } from '../logs/record'
import { compileRules } from './engine'
import { meterSeconds, type SecondRow } from './simulate'

const logs = (n: number) => ({ metered: n, meteredBytes: n * 1024 })

/** What the engine's own bucket drops when each second's logs arrive evenly spread through it. */
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
      if (set.evaluate(log, s.sec * 1000 + (i * 1000) / s.metered).action === 'drop') dropped++
    }
  }
  return dropped
}

const total = (drops: { logs: number }[]) => drops.reduce((n, d) => n + d.logs, 0)

describe('meterSeconds (the rate-limit estimate)', () => {
  it('drops nothing while traffic stays under the rate', () => {
    expect(meterSeconds([0, 1, 2, 3].map((sec) => ({ sec, ...logs(10) })), { rate: 10, burst: 30, byKb: false })).toEqual([])
  })

  it('lets a burst through up to the bucket plus one second of refill, then the rate', () => {
    const drops = meterSeconds([{ sec: 0, ...logs(100) }, { sec: 1, ...logs(100) }], { rate: 10, burst: 30, byKb: false })
    expect(drops).toEqual([
      { sec: 0, logs: 60, bytes: 60 * 1024 },
      { sec: 1, logs: 90, bytes: 90 * 1024 },
    ])
  })

  it('refills during quiet seconds, never above the burst', () => {
    const drops = meterSeconds([{ sec: 0, ...logs(40) }, { sec: 100, ...logs(40) }], { rate: 10, burst: 30, byKb: false })
    expect(drops).toEqual([])
    const again = meterSeconds([{ sec: 0, ...logs(40) }, { sec: 100, ...logs(41) }], { rate: 10, burst: 30, byKb: false })
    expect(again).toEqual([{ sec: 100, logs: 1, bytes: 1024 }])
  })

  it('meters kilobytes by each second\'s average log size', () => {
    const drops = meterSeconds([{ sec: 5, metered: 10, meteredBytes: 10 * 2048 }], { rate: 4, burst: 4, byKb: true })
    expect(drops).toEqual([{ sec: 5, logs: 6, bytes: 6 * 2048 }])
  })

  it('matches the engine\'s own token bucket under even arrival, within one log per busy second', () => {
    let seed = 3
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (const [rate, burst] of [
      [5, 15],
      [20, 20],
      [50, 400],
    ] as const) {
      const seconds: SecondRow[] = []
      for (let sec = 0; sec < 600; sec++) if (rand() < 0.6) seconds.push({ sec, ...logs(Math.floor(rand() * rand() * 4 * rate) + 1) })
      const estimated = total(meterSeconds(seconds, { rate, burst, byKb: false }))
      const real = engineDrops(seconds, { logs_per_second: rate, burst_logs: burst })
      const busy = meterSeconds(seconds, { rate, burst, byKb: false }).length
      expect(real).toBeGreaterThan(0)
      expect(Math.abs(estimated - real), `rate ${rate}: estimated ${estimated}, engine ${real}`).toBeLessThanOrEqual(busy)
    }
  })
})
