/**
 * The demo generator writes the same logs in both OTLP forms: the protobuf the seed sends must
 * decode to exactly what the OTLP/JSON form decodes to, and the data must stay what it was.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeOtlpLogs, type OtlpEncoding } from '../ingest/otlp'
import { DEMO_SERVICES } from './catalog'
import { defaultBursts, generateExport, generateExportProto, prng } from './generator'
import { OtlpLogsWriter } from './otlp-writer'

const NOW = Date.UTC(2026, 10, 26, 12)
const H = 3_600_000

function decode(payload: Buffer, encoding: OtlpEncoding) {
  let n = 0
  return decodeOtlpLogs(payload, encoding, { nowUs: NOW * 1000, newUuid: () => `uuid-${++n}` })
}

/** Windows: a quiet stretch, the payments error burst, a single log, a window of a fractional length. */
const WINDOWS: [seed: number, fromMs: number, toMs: number, logs: number][] = [
  [1, NOW - 20 * H, NOW - 20 * H + 600_000, 5_000],
  [2, NOW - 6 * H, NOW - 5.4 * H, 8_000],
  [3, NOW - 1000, NOW, 1],
  [4, NOW - 2 * H, NOW - 2 * H + 1234.5, 3_000],
]

describe('demo generator', () => {
  it.each(WINDOWS)('protobuf decodes to exactly the records of the OTLP/JSON form (seed %i)', (seed, fromMs, toMs, logs) => {
    const bursts = defaultBursts(NOW)
    const json = generateExport(prng(seed), fromMs, toMs, logs, bursts)
    const proto = generateExportProto(prng(seed), fromMs, toMs, logs, bursts)
    const fromJson = decode(Buffer.from(JSON.stringify(json.payload)), 'json')
    const fromProto = decode(proto.payload, 'protobuf')
    expect(proto.count).toBe(json.count)
    expect(fromProto).toHaveLength(json.count)
    expect(fromProto).toEqual(fromJson)
    // Every log inside its window (a request's later logs are pinned to the window's last millisecond).
    for (const r of fromProto) {
      expect(r.timestampUs).toBeGreaterThanOrEqual(Math.floor(fromMs * 1000) - 2000)
      expect(r.timestampUs).toBeLessThan(toMs * 1000)
    }
  })

  it('makes the same data for the same seed, as it did before it wrote protobuf', () => {
    const args = [NOW - 6 * H, NOW - 6 * H + 600_000, 2_000, defaultBursts(NOW)] as const
    const { payload, count } = generateExport(prng(42), ...args)
    expect(count).toBe(2_001)
    // The hash of this export from the generator before the protobuf writer (JSON-only, commit 66a0dea).
    expect(createHash('sha256').update(JSON.stringify(payload)).digest('hex')).toBe('3e3cf4667f589e542238f1741439bcc5fb3a2517a710ad8d04a02e62db0a6548')
    const writer = new OtlpLogsWriter()
    const a = generateExportProto(prng(42), ...args, writer).payload
    const b = generateExportProto(prng(42), ...args, writer).payload
    expect(a.equals(b)).toBe(true)
    expect(a.equals(generateExportProto(prng(43), ...args, writer).payload)).toBe(false)
  })

  it('has the demo shape: Zipf-like services, health-check noise, an error burst, traces', () => {
    const records = decode(generateExportProto(prng(7), NOW - 6 * H, NOW - 5.4 * H, 20_000, defaultBursts(NOW)).payload, 'protobuf')
    const share = (f: (r: (typeof records)[number]) => boolean) => records.filter(f).length / records.length
    const services = new Map<string, number>()
    for (const r of records) services.set(r.serviceName, (services.get(r.serviceName) ?? 0) + 1)
    expect(services.size).toBeGreaterThan(DEMO_SERVICES.length - 3)
    expect(services.get('api-gateway')!).toBeGreaterThan(services.get('cdn-edge') ?? 0)
    expect(share((r) => r.serviceName === '')).toBeGreaterThan(0)
    expect(share((r) => /^GET \/(health|healthz|ready) 200/.test(r.body))).toBeGreaterThan(0.05)
    expect(share((r) => r.body.includes('bank-gateway') && r.serviceName === 'payments' && r.level === 'error')).toBeGreaterThan(0.005)
    expect(share((r) => r.traceId.length === 32 && r.spanId.length === 16)).toBeGreaterThan(0.7)
    expect(new Set(records.map((r) => r.level))).toEqual(new Set(['debug', 'info', 'warn', 'error']))
  })
})
