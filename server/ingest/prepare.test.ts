import { describe, expect, it } from 'vitest'
import type { Rule } from '../../src/contract/rules'
import { storedRule as rule } from '../rules/test-rules'
import { compileRules } from '../rules/engine'
import { generateLogs } from '../rules/test-logs'
import { PACKED_COLUMNS } from '../store/ingest-chunks'
import { IngestPreparer, prepareIngest, type EnvRules } from './prepare'

const NOW_MS = Date.UTC(2026, 5, 1, 12)
const RULES = [
  rule({ rule_type: 'path_drop', config: { patterns: ['^/health'] } }),
  rule({ rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'sample', rate: 0.5 }, INFO: { type: 'keep' }, WARN: { type: 'keep' }, ERROR: { type: 'keep' } } } }),
  // Never runs dry here: deterministic, but it still draws.
  rule({ rule_type: 'rate_limit', scope_service: 'search', config: { logs_per_second: 1_000_000, burst_logs: 10_000_000 } }),
]
/** A fresh set each time: rate-limit buckets are state. */
const env = (rules: Rule[] = RULES): EnvRules => ({ compiled: compileRules(rules), ruleSet: 7 })

describe('IngestPreparer', () => {
  it('prepares a payload handed over in slices of any size exactly as the whole of it at once', () => {
    // Several services and hours, more than two 2,048-row chunks.
    const records = generateLogs({ count: 8000, startMs: NOW_MS - 3 * 3_600_000, spanMs: 3 * 3_600_000, seed: 3 })
    const whole = prepareIngest(PACKED_COLUMNS, 1, records, NOW_MS, env())
    expect(whole.logs).toBeGreaterThan(2 * 2048)
    expect(whole.drops.length).toBeGreaterThan(0)
    for (const sizes of [[1], [7, 511], [2048], [2047, 2], [512], [8000]]) {
      const preparer = new IngestPreparer(PACKED_COLUMNS, 1, NOW_MS, env())
      for (let start = 0, k = 0; start < records.length; k++) {
        const n = sizes[k % sizes.length]!
        preparer.add(records.slice(start, start + n))
        start += n
      }
      const sliced = preparer.finish()
      expect(sliced.logs).toBe(whole.logs)
      expect(Buffer.from(sliced.packed!.buffer).equals(Buffer.from(whole.packed!.buffer)), `slices of ${sizes}`).toBe(true)
      expect(sliced.packed!.layout).toEqual(whole.packed!.layout)
      expect(sliced.rollup).toEqual(whole.rollup)
      expect(sliced.keys).toEqual(whole.keys)
      expect(sliced.drops).toEqual(whole.drops)
    }
  })

  it('has nothing to pack when the rules keep nothing, and says what they dropped', () => {
    const records = generateLogs({ count: 100, startMs: NOW_MS - 60_000, spanMs: 60_000, seed: 4 })
    const batch = prepareIngest(PACKED_COLUMNS, 1, records, NOW_MS, env([rule({ rule_type: 'severity_sampling', config: { actions: { DEBUG: { type: 'drop' }, INFO: { type: 'drop' }, WARN: { type: 'drop' }, ERROR: { type: 'drop' } } } })]))
    expect(batch.logs).toBe(0)
    expect(batch.packed).toBeNull()
    expect(batch.drops.reduce((n, d) => n + d.logs, 0)).toBe(100)
  })

  it('gives back to rate limits what they drew for a payload abandoned part-way, counted in logs or in kilobytes', () => {
    const byLogs = rule({ rule_type: 'rate_limit', scope_service: 'search', config: { logs_per_second: 1, burst_logs: 1000 } })
    const byKb = rule({ rule_type: 'rate_limit', config: { kb_per_second: 1, burst_kb: 1000 } })
    const rules = env([byLogs, byKb])
    const tokens = (r: Rule) => rules.compiled.store.level(rules.compiled.placement.slots[r.id]!).tokens
    const records = generateLogs({ count: 600, startMs: NOW_MS - 60_000, spanMs: 60_000, seed: 5 })
    const preparer = new IngestPreparer(PACKED_COLUMNS, 1, NOW_MS, rules)
    preparer.add(records.slice(0, 300))
    preparer.add(records.slice(300))
    const search = records.filter((l) => l.serviceName === 'search').length
    const otherKb = records.filter((l) => l.serviceName !== 'search').reduce((n, l) => n + l.bytes / 1024, 0)
    expect(search).toBeGreaterThan(0)
    expect(tokens(byLogs)).toBe(1000 - search)
    expect(tokens(byKb)).toBeCloseTo(1000 - otherKb, 6)
    preparer.abandon()
    expect(tokens(byLogs)).toBe(1000)
    expect(tokens(byKb)).toBeCloseTo(1000, 6)
  })
})
