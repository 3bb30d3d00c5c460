/** OTLP/JSON specifics: both key spellings, the string/number forms of the spec, wrong types. */
import { describe, expect, it } from 'vitest'
import { decodeOtlpLogs, OtlpDecodeError } from './otlp'

const NOW_US = 1_800_000_000_000_000
const decodeText = (text: string) => decodeOtlpLogs(Buffer.from(text), 'json', { nowUs: NOW_US, newUuid: () => 'u' })
const decode = (doc: unknown) => decodeText(JSON.stringify(doc))
const withRecord = (record: unknown) => ({ resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }] })
const decodeRecord = (record: object) => {
  const records = decode(withRecord(record))
  expect(records).toHaveLength(1)
  return records[0]!
}
const RECORD = 'resourceLogs[0].scopeLogs[0].logRecords[0]'

function rejection(run: () => unknown): OtlpDecodeError {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(OtlpDecodeError)
    return e as OtlpDecodeError
  }
  throw new Error('expected an OtlpDecodeError')
}

const camel = {
  resourceLogs: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }], droppedAttributesCount: 0 },
      schemaUrl: 'https://opentelemetry.io/schemas/1.24.0',
      scopeLogs: [
        {
          scope: { name: 'lib', version: '1' },
          logRecords: [
            {
              timeUnixNano: '1760000000123456789',
              observedTimeUnixNano: 1760000000999999000,
              severityNumber: 9,
              severityText: 'INFO',
              body: { kvlistValue: { values: [{ key: 'n', value: { intValue: '5' } }] } },
              attributes: [{ key: 'ok', value: { boolValue: true } }, { key: 'b', value: { bytesValue: 'AQI=' } }],
              droppedAttributesCount: 0,
              flags: 1,
              traceId: '0AF7651916CD43DD8448EB211C80319C',
              spanId: 'b7ad6b7169203331',
              eventName: 'e',
            },
          ],
        },
      ],
    },
  ],
}

const snake = {
  resource_logs: [
    {
      resource: { attributes: [{ key: 'service.name', value: { string_value: 'api' } }], dropped_attributes_count: 0 },
      schema_url: 'https://opentelemetry.io/schemas/1.24.0',
      scope_logs: [
        {
          scope: { name: 'lib', version: '1' },
          log_records: [
            {
              time_unix_nano: '1760000000123456789',
              observed_time_unix_nano: 1760000000999999000,
              severity_number: 9,
              severity_text: 'INFO',
              body: { kvlist_value: { values: [{ key: 'n', value: { int_value: '5' } }] } },
              attributes: [{ key: 'ok', value: { bool_value: true } }, { key: 'b', value: { bytes_value: 'AQI=' } }],
              dropped_attributes_count: 0,
              flags: 1,
              trace_id: '0AF7651916CD43DD8448EB211C80319C',
              span_id: 'b7ad6b7169203331',
              event_name: 'e',
            },
          ],
        },
      ],
    },
  ],
}

describe('OTLP/JSON', () => {
  it('maps a camelCase payload', () => {
    expect(decode(camel)).toEqual([
      {
        uuid: 'u',
        timestampUs: 1_760_000_000_123_456,
        observedUs: 1_760_000_000_999_999,
        severityText: 'INFO',
        severityNumber: 9,
        level: 'info',
        serviceName: 'api',
        body: '{"n":5}',
        attributes: { ok: 'true', b: 'AQI=' },
        resourceAttributes: { 'service.name': 'api' },
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        eventName: 'e',
        bytes: 7 + ('ok'.length + 4) + ('b'.length + 4) + 'service.name'.length + 3,
      },
    ])
  })

  it('accepts the proto field names (snake_case) as well', () => {
    expect(decode(snake)).toEqual(decode(camel))
  })

  it('ignores unknown keys', () => {
    const record = decodeRecord({ body: { stringValue: 'x', futureField: 1 }, somethingNew: { a: 1 }, attributes: [{ key: 'k', value: { stringValue: 'v' }, extra: true }] })
    expect(record.body).toBe('x')
    expect(record.attributes).toEqual({ k: 'v' })
  })

  it('treats an empty request, an empty list and null lists as no records', () => {
    expect(decode({})).toEqual([])
    expect(decode({ resourceLogs: [] })).toEqual([])
    expect(decode({ resourceLogs: [{ scopeLogs: null }] })).toEqual([])
    expect(decode({ resourceLogs: [{ scopeLogs: [{}] }] })).toEqual([])
  })

  it('accepts timestamps as strings or numbers, up to 2^64 - 1', () => {
    expect(decodeRecord({ timeUnixNano: 1_700_000_000_000_001_000 }).timestampUs).toBe(1_700_000_000_000_001)
    expect(decodeRecord({ timeUnixNano: '999' }).timestampUs).toBe(0)
    expect(decodeRecord({ timeUnixNano: '0', observedTimeUnixNano: '0' })).toMatchObject({ timestampUs: NOW_US, observedUs: NOW_US })
    expect(decodeRecord({ timeUnixNano: 0, observedTimeUnixNano: '000' })).toMatchObject({ timestampUs: NOW_US, observedUs: NOW_US })
    expect(decodeRecord({ timeUnixNano: '9007199254740991999' }).timestampUs).toBe(9_007_199_254_740_991)
    expect(decodeRecord({ timeUnixNano: '18446744073709551615' }).timestampUs).toBe(Number(18446744073709551n))
    for (const bad of ['18446744073709551616', '-1', '1e18', '12.5', '', true, -1, 1.5, {}]) {
      expect(rejection(() => decode(withRecord({ timeUnixNano: bad }))).path).toBe(`${RECORD}.timeUnixNano`)
    }
  })

  it('accepts severity numbers as integers or enum names', () => {
    expect(decodeRecord({ severityNumber: 'SEVERITY_NUMBER_WARN' })).toMatchObject({ severityNumber: 13, level: 'warn' })
    expect(decodeRecord({ severityNumber: 'SEVERITY_NUMBER_FATAL4' })).toMatchObject({ severityNumber: 24, level: 'error' })
    expect(decodeRecord({ severityNumber: 'SEVERITY_NUMBER_UNSPECIFIED', severityText: 'warning' })).toMatchObject({
      severityNumber: 0,
      level: 'warn',
    })
    for (const bad of [1.5, 25, -1, 'WARN', '13', true]) {
      expect(rejection(() => decode(withRecord({ severityNumber: bad }))).path).toBe(`${RECORD}.severityNumber`)
    }
  })

  it('normalises ids and rejects malformed ones', () => {
    expect(decodeRecord({ traceId: '00000000000000000000000000000000', spanId: '' })).toMatchObject({ traceId: '', spanId: '' })
    expect(decodeRecord({ traceId: 'ABCDEF0123456789ABCDEF0123456789' }).traceId).toBe('abcdef0123456789abcdef0123456789')
    for (const bad of ['abc', 'zz000000000000000000000000000000', 'AAAAAAAAAAAAAAAAAAAAAA==', 5]) {
      expect(rejection(() => decode(withRecord({ traceId: bad }))).path).toBe(`${RECORD}.traceId`)
    }
    expect(rejection(() => decode(withRecord({ spanId: '0011223344556677aa' }))).path).toBe(`${RECORD}.spanId`)
  })

  it('canonicalises int64 strings and base64', () => {
    const record = decodeRecord({
      attributes: [
        { key: 'lead', value: { intValue: '007' } },
        { key: 'neg0', value: { intValue: '-0' } },
        { key: 'url', value: { bytesValue: '-_8' } },
        { key: 'dbl', value: { doubleValue: '2.50' } },
      ],
    })
    expect(record.attributes).toEqual({ lead: '7', neg0: '0', url: '+/8=', dbl: '2.5' })
  })

  it('turns lone surrogates into U+FFFD (UTF-8 cannot hold them) and keeps real pairs', () => {
    const r = decodeRecord({
      body: { stringValue: 'lone \ud800 high, lone \udc00 low, pair \ud83d\ude80' },
      attributes: [
        { key: 'k\udbff', value: { stringValue: 'v\udfff' } },
        { key: 'nested', value: { kvlistValue: { values: [{ key: 'x\ud800', value: { arrayValue: { values: [{ stringValue: '\udc01' }] } } }] } } },
      ],
    })
    expect(r.body).toBe('lone \ufffd high, lone \ufffd low, pair 🚀')
    expect(r.attributes).toEqual({ 'k\ufffd': 'v\ufffd', 'nested.x\ufffd': '["\ufffd"]' })
    // Written by hand, not by JSON.stringify: the escapes are what a sender puts on the wire.
    const [raw] = decodeText('{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"a\\uD800b"}}]}]}]}')
    expect(raw!.body).toBe('a\ufffdb')
  })

  it('rejects malformed documents with no path', () => {
    for (const text of ['', 'not json', '[]', '"x"', '12', 'null', '{"resourceLogs": [}']) {
      expect(rejection(() => decodeText(text)).path).toBeNull()
    }
  })

  const wrongTypes: [string, unknown, string][] = [
    ['resourceLogs not an array', { resourceLogs: {} }, 'resourceLogs'],
    ['a ResourceLogs not an object', { resourceLogs: [1] }, 'resourceLogs[0]'],
    ['resource not an object', { resourceLogs: [{ resource: [] }] }, 'resourceLogs[0].resource'],
    ['resource attributes not an array', { resourceLogs: [{ resource: { attributes: {} } }] }, 'resourceLogs[0].resource.attributes'],
    ['a resource attribute key not a string', { resourceLogs: [{ resource: { attributes: [{ key: 1 }] } }] }, 'resourceLogs[0].resource.attributes[0].key'],
    ['schemaUrl not a string', { resourceLogs: [{ schemaUrl: 1 }] }, 'resourceLogs[0].schemaUrl'],
    ['scopeLogs not an array', { resourceLogs: [{ scopeLogs: 'x' }] }, 'resourceLogs[0].scopeLogs'],
    ['scope not an object', { resourceLogs: [{ scopeLogs: [{ scope: 'lib' }] }] }, 'resourceLogs[0].scopeLogs[0].scope'],
    ['scope name not a string', { resourceLogs: [{ scopeLogs: [{ scope: { name: 1 } }] }] }, 'resourceLogs[0].scopeLogs[0].scope.name'],
    ['logRecords not an array', { resourceLogs: [{ scopeLogs: [{ logRecords: {} }] }] }, 'resourceLogs[0].scopeLogs[0].logRecords'],
    ['a log record not an object', withRecord(null), RECORD],
    ['severityText not a string', withRecord({ severityText: 3 }), `${RECORD}.severityText`],
    ['eventName not a string', withRecord({ eventName: [] }), `${RECORD}.eventName`],
    ['flags negative', withRecord({ flags: -1 }), `${RECORD}.flags`],
    ['droppedAttributesCount not a number', withRecord({ droppedAttributesCount: 'many' }), `${RECORD}.droppedAttributesCount`],
    ['body not an object', withRecord({ body: 'text' }), `${RECORD}.body`],
    ['body with two members', withRecord({ body: { stringValue: 'a', intValue: 1 } }), `${RECORD}.body`],
    ['stringValue not a string', withRecord({ body: { stringValue: 5 } }), `${RECORD}.body.stringValue`],
    ['boolValue not a boolean', withRecord({ body: { boolValue: 'true' } }), `${RECORD}.body.boolValue`],
    ['intValue not an integer', withRecord({ body: { intValue: 1.5 } }), `${RECORD}.body.intValue`],
    ['intValue past int64', withRecord({ body: { intValue: '9223372036854775808' } }), `${RECORD}.body.intValue`],
    ['intValue not digits', withRecord({ body: { intValue: '12a' } }), `${RECORD}.body.intValue`],
    ['doubleValue not a number', withRecord({ body: { doubleValue: 'fast' } }), `${RECORD}.body.doubleValue`],
    ['bytesValue not base64', withRecord({ body: { bytesValue: 'a*b' } }), `${RECORD}.body.bytesValue`],
    ['bytesValue of impossible length', withRecord({ body: { bytesValue: 'abcde' } }), `${RECORD}.body.bytesValue`],
    ['arrayValue without an object', withRecord({ body: { arrayValue: [] } }), `${RECORD}.body.arrayValue`],
    ['an array item not an AnyValue', withRecord({ body: { arrayValue: { values: [{ stringValue: 'a' }, 'b'] } } }), `${RECORD}.body.arrayValue.values[1]`],
    [
      'a kvlist value of the wrong type',
      withRecord({ body: { kvlistValue: { values: [{ key: 'k', value: { intValue: true } }] } } }),
      `${RECORD}.body.kvlistValue.values[0].value.intValue`,
    ],
    ['attributes not an array', withRecord({ attributes: { k: 'v' } }), `${RECORD}.attributes`],
    ['an attribute not an object', withRecord({ attributes: [['k', 'v']] }), `${RECORD}.attributes[0]`],
    ['an attribute key not a string', withRecord({ attributes: [{ key: null }, { key: 7 }] }), `${RECORD}.attributes[1].key`],
    ['an attribute value not an AnyValue', withRecord({ attributes: [{ key: 'k', value: 'v' }] }), `${RECORD}.attributes[0].value`],
    [
      'a nested attribute of the wrong type',
      withRecord({ attributes: [{ key: 'k', value: { kvlistValue: { values: [{ key: 'a', value: { stringValue: 1 } }] } } }] }),
      `${RECORD}.attributes[0].value.kvlistValue.values[0].value.stringValue`,
    ],
    ['an attribute kvlist without an object', withRecord({ attributes: [{ key: 'k', value: { kvlistValue: [] } }] }), `${RECORD}.attributes[0].value.kvlistValue`],
    ['a kvlist entry not an object', withRecord({ attributes: [{ key: 'k', value: { kvlistValue: { values: [1] } } }] }), `${RECORD}.attributes[0].value.kvlistValue.values[0]`],
  ]
  for (const [name, doc, path] of wrongTypes) {
    it(`rejects ${name}`, () => {
      expect(rejection(() => decode(doc)).path).toBe(path)
    })
  }

  it('returns nothing when a later record is malformed', () => {
    const doc = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'ok' } }, { body: { stringValue: 'ok' } }, { spanId: 'x' }] }] }] }
    expect(rejection(() => decode(doc)).path).toBe('resourceLogs[0].scopeLogs[0].logRecords[2].spanId')
  })
})
