import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogRecord } from '../logs/record'
import { jsonStoredAttributes } from '../test/support/stored-attributes'
import { openTempDb, type TempDb } from '../test/support/temp-db'
import { writeBatch } from './ingest-writes'
import { HOT_ATTRIBUTE_COLUMNS } from './log-filters'
import { findLog, queryLogs } from './logs'

/**
 * The promoted attribute keys are stored once, in their columns, and the JSON text keeps the rest
 * (schema 5). A log read back must still have every attribute it was sent with — and a log stored
 * before schema 5, with those keys in both places, must read the same.
 */

const T0_US = Date.UTC(2026, 0, 1) * 1000
const WINDOW = { envId: 1, fromUs: T0_US, toUs: T0_US + 60_000_000 }

function log(offsetUs: number, attributes: Record<string, string>): LogRecord {
  return {
    uuid: randomUUID(), timestampUs: T0_US + offsetUs, observedUs: 0, severityText: 'INFO', severityNumber: 9, level: 'info',
    serviceName: 'svc', body: `log ${offsetUs}`, attributes, resourceAttributes: { 'service.name': 'svc' }, traceId: '', spanId: '',
    eventName: '', bytes: 10,
  }
}

const allHot = log(1, { 'http.route': '/api/v1/orders/{id}', 'http.method': 'GET', 'http.status_code': '503', 'user.id': 'u_42', 'db.system': 'postgres' })
const emptyHot = log(2, { 'http.route': '', 'user.id': '', other: 'x' })
const onlyHot = log(3, { 'http.method': 'POST' })
const noHot = log(4, { 'a/b~c': 'y', 'we"ird': 'z' })
const protoKey = log(5, Object.defineProperty({ 'http.route': '/p' }, '__proto__', { value: 'data', enumerable: true, writable: true, configurable: true }))
const written = [allHot, emptyHot, onlyHot, noHot, protoKey]

let t: TempDb
beforeAll(async () => {
  t = await openTempDb('hot-attributes')
  await writeBatch(t.db, [{ envId: 1, records: written }], [])
})
afterAll(() => t?.remove())

const stored = async (uuid: string) =>
  JSON.parse((await t.db.one(`SELECT attributes::VARCHAR AS a FROM logs WHERE uuid = '${uuid}'::UUID`))!.a as string) as Record<string, unknown>

describe('promoted attribute keys stored once', () => {
  it('keeps them out of the JSON text, and every other key in it', async () => {
    for (const l of written) {
      const json = await stored(l.uuid)
      expect(json).toEqual(jsonStoredAttributes(l.attributes))
      for (const key of Object.keys(HOT_ATTRIBUTE_COLUMNS)) expect(Object.hasOwn(json, key)).toBe(false)
    }
  })

  it('gives every log back with all its attributes, empty values and a `__proto__` key included', async () => {
    const page = await queryLogs(t.db, { ...WINDOW, orderBy: 'earliest', limit: 100 })
    expect(page.results.map((r) => r.uuid)).toEqual(written.map((l) => l.uuid))
    page.results.forEach((r, i) => expect(r.attributes).toEqual(written[i]!.attributes))
    expect(Object.getPrototypeOf(page.results[4]!.attributes)).toBe(Object.prototype)
    expect(Object.hasOwn(page.results[4]!.attributes, '__proto__')).toBe(true)
    const one = await findLog(t.db, 1, allHot.uuid, allHot.timestampUs / 1000)
    expect(one?.attributes).toEqual(allHot.attributes)
  })

  it('reads a log stored before schema 5 (the keys in both places) the same way', async () => {
    const old = log(10, { 'http.route': '/old', 'http.method': 'DELETE', 'k': 'v' })
    await writeBatch(t.db, [{ envId: 1, records: [old] }], [])
    await t.db.write((tx) => tx.all(`UPDATE logs SET attributes = '{"http.route":"/old","k":"v","http.method":"DELETE"}' WHERE uuid = '${old.uuid}'::UUID`))
    const one = await findLog(t.db, 1, old.uuid, old.timestampUs / 1000)
    expect(one?.attributes).toEqual(old.attributes)
    expect(Object.keys(one!.attributes)).toEqual(['http.route', 'k', 'http.method'])
  })

  it('still filters on them', async () => {
    const page = await queryLogs(t.db, {
      ...WINDOW,
      orderBy: 'earliest',
      limit: 100,
      filterGroup: { type: 'AND', values: [{ key: 'http.route', type: 'log_attribute', operator: 'exact', value: ['/api/v1/orders/{id}'] }] },
    })
    expect(page.results.map((r) => r.uuid)).toEqual([allHot.uuid])
  })
})
