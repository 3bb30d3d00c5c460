import { describe, expect, it } from 'vitest'
import type { FilterGroup, FilterLeaf } from '../../src/contract/query'
import type { LogRecord } from '../logs/record'
import { attributeValue, compileFilterGroup, parseNumber } from './filter-eval'

function log(over: Partial<LogRecord> = {}): LogRecord {
  return {
    uuid: '00000000-0000-4000-8000-000000000001',
    timestampUs: 1_700_000_000_000_000,
    observedUs: 0,
    severityText: 'INFO',
    severityNumber: 9,
    level: 'info',
    serviceName: 'checkout',
    body: 'GET /api/cart returned 200',
    attributes: { 'http.status_code': '200', 'http.route': '/api/cart', empty: '' },
    resourceAttributes: { 'host.name': 'web-1' },
    traceId: 'abc123',
    spanId: 'def',
    eventName: '',
    bytes: 100,
    ...over,
  }
}

const leaf = (operator: FilterLeaf['operator'], value?: FilterLeaf['value'], key = 'http.status_code', type: FilterLeaf['type'] = 'log_attribute'): FilterLeaf => ({
  key,
  operator,
  type,
  value,
})

/** Evaluates one leaf, as a one-leaf AND group. */
function test1(l: FilterLeaf, record = log()): boolean {
  const p = compileFilterGroup({ type: 'AND', values: [l] })
  if (!p) throw new Error('expected a condition')
  return p(record)
}

describe('leaf operators', () => {
  it('exact / is_not compare as strings, any of a list, numbers stringified', () => {
    expect(test1(leaf('exact', '200'))).toBe(true)
    expect(test1(leaf('exact', 200))).toBe(true)
    expect(test1(leaf('exact', ['404', 200]))).toBe(true)
    expect(test1(leaf('exact', ['404', '500']))).toBe(false)
    expect(test1(leaf('exact', '20'))).toBe(false)
    expect(test1(leaf('is_not', ['404', '500']))).toBe(true)
    expect(test1(leaf('is_not', [200]))).toBe(false)
  })

  it('icontains / not_icontains are case-insensitive substrings, with literal % and _', () => {
    expect(test1(leaf('icontains', 'API/CART', 'http.route'))).toBe(true)
    expect(test1(leaf('icontains', 'orders', 'http.route'))).toBe(false)
    expect(test1(leaf('icontains', '%', 'http.route'))).toBe(false)
    expect(test1(leaf('not_icontains', 'Cart', 'http.route'))).toBe(false)
    expect(test1(leaf('not_icontains', 'orders', 'http.route'))).toBe(true)
  })

  it('regex / not_regex search unanchored', () => {
    expect(test1(leaf('regex', 'pi/ca', 'http.route'))).toBe(true)
    expect(test1(leaf('regex', '^/api/(cart|orders)$', 'http.route'))).toBe(true)
    expect(test1(leaf('regex', '^cart', 'http.route'))).toBe(false)
    expect(test1(leaf('not_regex', '^cart', 'http.route'))).toBe(true)
    expect(test1(leaf('not_regex', 'cart$', 'http.route'))).toBe(false)
  })

  it('gt / lt compare numerically; a non-number is false for both', () => {
    expect(test1(leaf('gt', 199))).toBe(true)
    expect(test1(leaf('gt', 200))).toBe(false)
    expect(test1(leaf('lt', 201))).toBe(true)
    expect(test1(leaf('lt', 200))).toBe(false)
    // "1000" > "200" numerically, though not as text.
    expect(test1(leaf('gt', 200), log({ attributes: { 'http.status_code': '1000' } }))).toBe(true)
    const text = log({ attributes: { 'http.status_code': 'OK' } })
    expect(test1(leaf('gt', 0), text)).toBe(false)
    expect(test1(leaf('lt', 1e9), text)).toBe(false)
    const blank = log({ attributes: { 'http.status_code': '' } })
    expect(test1(leaf('lt', 1), blank)).toBe(false)
  })

  it('is_set / is_not_set test presence; an empty value is present', () => {
    expect(test1(leaf('is_set', undefined, 'empty'))).toBe(true)
    expect(test1(leaf('is_not_set', undefined, 'empty'))).toBe(false)
    expect(test1(leaf('is_set', undefined, 'nope'))).toBe(false)
    expect(test1(leaf('is_not_set', undefined, 'nope'))).toBe(true)
  })

  it('treats a missing attribute per operator', () => {
    const missing = (op: FilterLeaf['operator'], value?: FilterLeaf['value']) => test1(leaf(op, value, 'user.id'))
    expect(missing('exact', 'x')).toBe(false)
    expect(missing('is_not', 'x')).toBe(true)
    expect(missing('icontains', '')).toBe(false)
    expect(missing('not_icontains', 'x')).toBe(true)
    expect(missing('regex', '.*')).toBe(false)
    expect(missing('not_regex', '.*')).toBe(true)
    expect(missing('gt', -1)).toBe(false)
    expect(missing('lt', 1)).toBe(false)
  })

  it('does not read inherited properties as attributes', () => {
    expect(test1(leaf('is_set', undefined, 'toString'))).toBe(false)
    expect(test1(leaf('is_set', undefined, 'constructor', 'log_resource_attribute'))).toBe(false)
    expect(attributeValue({ a: '1' }, 'hasOwnProperty')).toBeUndefined()
  })
})

describe('leaf types', () => {
  it('reads the body through type log, key message', () => {
    expect(test1(leaf('icontains', 'returned 200', 'message', 'log'))).toBe(true)
    expect(test1(leaf('icontains', 'returned 500', 'message', 'log'))).toBe(false)
  })

  it('reads the other log fields the SQL side knows', () => {
    expect(test1(leaf('exact', 'INFO', 'severity_text', 'log'))).toBe(true)
    expect(test1(leaf('exact', 'checkout', 'service_name', 'log'))).toBe(true)
    expect(test1(leaf('exact', 'abc123', 'trace_id', 'log'))).toBe(true)
    // An empty service is NULL in SQL, so it is missing here.
    expect(test1(leaf('is_not_set', undefined, 'service.name', 'log'), log({ serviceName: '' }))).toBe(true)
  })

  it('an unknown log field is missing, not a crash', () => {
    expect(test1(leaf('exact', 'x', 'hostname', 'log'))).toBe(false)
    expect(test1(leaf('is_not_set', undefined, 'hostname', 'log'))).toBe(true)
  })

  it('keeps log and resource attributes apart', () => {
    expect(test1(leaf('exact', 'web-1', 'host.name', 'log_resource_attribute'))).toBe(true)
    expect(test1(leaf('exact', 'web-1', 'host.name', 'log_attribute'))).toBe(false)
    expect(test1(leaf('is_set', undefined, 'http.route', 'log_resource_attribute'))).toBe(false)
  })
})

describe('groups', () => {
  const yes = leaf('exact', '200')
  const no = leaf('exact', '500')

  it('honours AND and OR as written, nested', () => {
    const run = (g: FilterGroup) => compileFilterGroup(g)!(log())
    expect(run({ type: 'AND', values: [yes, no] })).toBe(false)
    expect(run({ type: 'OR', values: [yes, no] })).toBe(true)
    expect(run({ type: 'OR', values: [no, { type: 'AND', values: [yes, yes] }] })).toBe(true)
    expect(run({ type: 'AND', values: [yes, { type: 'OR', values: [no, no] }] })).toBe(false)
  })

  it('treats a group with no leaf as no condition, also inside a parent', () => {
    expect(compileFilterGroup(undefined)).toBeNull()
    expect(compileFilterGroup({ type: 'AND', values: [] })).toBeNull()
    expect(compileFilterGroup({ type: 'OR', values: [{ type: 'AND', values: [] }] })).toBeNull()
    // The empty OR is skipped, not false: the AND is decided by its leaf alone.
    const p = compileFilterGroup({ type: 'AND', values: [yes, { type: 'OR', values: [] }] })!
    expect(p(log())).toBe(true)
  })

  it('compiles a regex once, not per log', () => {
    const original = globalThis.RegExp
    let built = 0
    globalThis.RegExp = new Proxy(original, {
      construct(target, args) {
        built++
        return new target(...(args as [string]))
      },
    })
    try {
      const p = compileFilterGroup({ type: 'AND', values: [leaf('regex', 'cart', 'http.route')] })!
      for (let i = 0; i < 100; i++) p(log())
    } finally {
      globalThis.RegExp = original
    }
    expect(built).toBe(1)
  })
})

describe('parseNumber', () => {
  it('reads numbers the way DuckDB TRY_CAST(… AS DOUBLE) does', () => {
    expect(parseNumber(' 12 ')).toBe(12)
    expect(parseNumber('1e3')).toBe(1000)
    expect(parseNumber('+5')).toBe(5)
    expect(parseNumber('.5')).toBe(0.5)
    expect(parseNumber('5.')).toBe(5)
    expect(parseNumber('1_000')).toBe(1000)
    expect(parseNumber('-inf')).toBe(-Infinity)
    expect(parseNumber('NaN')).toBeNaN()
  })

  it('gives NaN for text DuckDB would not cast', () => {
    for (const s of ['', '   ', '0x10', '12abc', '1,5', 'e5', '-', undefined]) expect(parseNumber(s)).toBeNaN()
  })

  it('reads a short run of digits (its fast path) as the number it spells, and anything near one as before', () => {
    for (const s of ['0', '7', '200', '0404', '999999999']) expect(parseNumber(s)).toBe(Number(s))
    // Past nine digits, or with a sign, spaces or other digits, the general reading applies.
    expect(parseNumber('1234567890')).toBe(1234567890)
    expect(parseNumber('12345678901234')).toBe(12345678901234)
    expect(parseNumber(' 503')).toBe(503)
    expect(parseNumber('-5')).toBe(-5)
    expect(parseNumber('5_00')).toBe(500)
    expect(parseNumber('٥٠٠')).toBeNaN()
    expect(parseNumber('5OO')).toBeNaN()
  })
})
