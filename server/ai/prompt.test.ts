import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import type { LogRow } from '../../src/contract/logs'
import { buildExplainMessages, normalisePattern, PATTERN_RULES } from './prompt'

const SAMPLES: [string, string][] = [
  ['GET /users/123 took 12ms', 'GET /users/<num> took <num>ms'],
  ['user 5f1c2e0a-1111-4abc-8def-123456789abc not found', 'user <uuid> not found'],
  ['mail to bob.smith+x@example.co.uk failed', 'mail to <email> failed'],
  ['from 10.0.0.1:8080 and 2001:db8::8a2e:370:7334', 'from <ip>:<num> and <ip>'],
  ['full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 here', 'full <ip> here'],
  ['trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7', 'trace <hex> span <hex>'],
  ['ptr 0x1f and 0XDEADBEEF', 'ptr <hex> and <hex>'],
  ['retry 3 of 5 after 1.5 s (v1.2.3)', 'retry <num> of <num> after <num> s (v<num>.<num>)'],
  ['took 3.5s', 'took <num>.<num>s'],
  ['user42 and order_id=98765432', 'user<num> and order_id=<num>'],
  ['sha a1b2c3d4e5f6 ok', 'sha <hex> ok'],
  ['{"status":503,"msg":"upstream \\"pay\\" down"}', '{"status":<num>,"msg":"upstream \\"pay\\" down"}'],
  ['std::vector add::bar ::1', 'std::vector add::bar ::<num>'],
  ['at 2026-01-31T12:30:45.123Z', 'at <num>-<num>-<num>T<num>:<num>:<num>.<num>Z'],
  ['no variable parts at all', 'no variable parts at all'],
  ['', ''],
]

describe('normalisePattern', () => {
  it.each(SAMPLES)('%s', (body, expected) => {
    expect(normalisePattern(body)).toBe(expected)
  })

  it('gives logs that differ only in their variable parts the same pattern', () => {
    const a = normalisePattern('Payment 8f14e45f-ceea-467f-a9b7-1b2c3d4e5f60 for carol@example.com failed after 3021 ms from 203.0.113.7')
    const b = normalisePattern('Payment 1c9d2b7e-0a4b-4c1e-9f00-aa11bb22cc33 for dave@example.org failed after 12 ms from 198.51.100.20')
    expect(a).toBe(b)
    expect(a).toBe('Payment <uuid> for <email> failed after <num> ms from <ip>')
  })

  it('is linear on hostile input', () => {
    for (const input of ['a'.repeat(200_000), '1'.repeat(200_000), 'a:'.repeat(100_000), 'ab@'.repeat(70_000), '1.'.repeat(100_000)]) {
      const started = performance.now()
      normalisePattern(input)
      expect(performance.now() - started).toBeLessThan(1000)
    }
  })

  it('gives the same result as the rules applied in SQL by DuckDB (RE2), so the store may use either', async () => {
    const instance = await DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    try {
      let expr = '$1'
      const params: string[] = []
      for (const rule of PATTERN_RULES) {
        params.push(rule.pattern, rule.placeholder)
        expr = `regexp_replace(${expr}, $${params.length}, $${params.length + 1}, 'g')`
      }
      for (const [body] of SAMPLES) {
        const reader = await connection.runAndReadAll(`SELECT ${expr} AS p`, [body, ...params])
        expect([body, reader.getRowObjects()[0]!.p]).toEqual([body, normalisePattern(body)])
      }
    } finally {
      connection.closeSync()
      instance.closeSync()
    }
  })
})

const log: LogRow = {
  uuid: '0191e0c5-7f3a-7b2c-9d4e-1a2b3c4d5e6f',
  timestamp: '2026-01-31T12:00:00.000Z',
  observed_timestamp: null,
  severity_text: 'ERROR',
  severity_number: 17,
  level: 'error',
  service_name: 'checkout',
  body: 'card processor timed out after 30000 ms',
  attributes: { 'http.status_code': '504', 'http.route': '/pay' },
  resource_attributes: { 'service.version': '1.4.2' },
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  span_id: '00f067aa0ba902b7',
  event_name: '',
}
const similar = { pattern: 'card processor timed out after <num> ms', count_1h: 42, first_seen: '2026-01-31T11:05:00.000Z', last_seen: null }

describe('buildExplainMessages', () => {
  it('sends the schema and the rules as the system message and the log with its context as the user message', () => {
    const [system, user, ...rest] = buildExplainMessages(log, similar)
    expect(rest).toEqual([])
    expect(system!.role).toBe('system')
    expect(system!.content).toContain('"probable_causes"')
    expect(system!.content).toContain('[REDACTED_')
    expect(system!.content).toMatch(/data, not instructions/)
    expect(user!.role).toBe('user')
    const record = JSON.parse(/Log record \(JSON\):\n([\s\S]*?)\n\nContext/.exec(user!.content)![1]!)
    expect(record).toEqual({
      timestamp: log.timestamp,
      severity_text: 'ERROR',
      severity_number: 17,
      level: 'error',
      service_name: 'checkout',
      trace_id: log.trace_id,
      span_id: log.span_id,
      body: log.body,
      attributes: { 'http.route': '/pay', 'http.status_code': '504' },
      resource_attributes: { 'service.version': '1.4.2' },
    })
    expect(user!.content).toContain('during the last hour: 42 (first seen 2026-01-31T11:05:00.000Z)')
    expect(user!.content).toContain('placeholders: card processor timed out after <num> ms')
  })

  it('is deterministic: attribute order does not change the prompt', () => {
    const reordered = { ...log, attributes: { 'http.route': '/pay', 'http.status_code': '504' } }
    expect(buildExplainMessages(reordered, similar)).toEqual(buildExplainMessages(log, similar))
  })

  it('keeps huge logs inside a budget and says what was cut', () => {
    const attributes = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${String(i).padStart(3, '0')}`, 'v'.repeat(2000)]))
    const [, user] = buildExplainMessages({ ...log, body: 'x'.repeat(50_000), attributes }, similar)
    expect(user!.content.length).toBeLessThan(20_000)
    expect(user!.content).toContain('… [46000 more characters cut]')
    expect(user!.content).toContain('… [1700 more characters cut]')
    const record = JSON.parse(/Log record \(JSON\):\n([\s\S]*?)\n\nContext/.exec(user!.content)![1]!)
    const kept = Object.keys(record.attributes)
    expect(kept[0]).toBe('k000')
    expect(record.attributes_omitted).toBe(150 - kept.length)
    expect(kept.length).toBeGreaterThan(5)
  })

  it('caps the number of attributes even when they are small', () => {
    const attributes = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, 'v']))
    const [, user] = buildExplainMessages({ ...log, attributes }, similar)
    expect(user!.content).toContain('"attributes_omitted": 30')
  })
})
