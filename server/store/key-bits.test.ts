import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateLogs } from '../rules/test-logs'
import type { LogRecord } from '../logs/record'
import { Db, Params } from './db'
import { writeBatch } from './ingest-writes'
import { HOT_ATTRIBUTE_COLUMNS, jsonPointer } from './log-filters'
import { keyBitsOf, keyMask, lacksKeySql, mayHaveKeySql, toUint64 } from './key-bits'

describe('key masks', () => {
  it('sets one or two bits per key, the same every time, and ORs a log’s keys together', () => {
    for (const key of ['http.route', 'queue', 'user_agent.original', '', 'ключ', 'a'.repeat(500)]) {
      const bits = toUint64(keyMask(key)).toString(2).replaceAll('0', '').length
      expect(bits === 1 || bits === 2).toBe(true)
      expect(keyMask(key)).toEqual(keyMask(key))
    }
    const [hi, lo] = keyBitsOf({ a: '1', b: '2' })
    expect(toUint64([hi, lo])).toBe(toUint64(keyMask('a')) | toUint64(keyMask('b')))
    expect(keyBitsOf({})).toEqual([0, 0])
  })

  it('spreads keys over the word (a signature is only useful if absent keys rarely look present)', () => {
    const seen = new Set<bigint>()
    for (let i = 0; i < 2000; i++) seen.add(toUint64(keyMask(`key.${i}`)))
    // 2,000 keys over 64·63/2 + 64 possible masks: nearly all of them distinct.
    expect(seen.size).toBeGreaterThan(1000)
  })
})

describe('key_bits in the store', () => {
  let dir: string
  let db: Db
  let logs: LogRecord[]
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-key-bits-'))
    db = await Db.open({ dataDir: dir, memoryLimit: '512MB' })
    logs = generateLogs({ count: 3000, startMs: Date.UTC(2026, 0, 1), spanMs: 60_000, seed: 11 })
    // Some logs with keys that need quoting or escaping in JSON, and one with no attributes.
    logs[0] = { ...logs[0]!, attributes: { 'we"ird\\key': 'x', 'a/b~c': 'y' } }
    logs[1] = { ...logs[1]!, attributes: {} }
    await writeBatch(db, [{ envId: 1, records: logs }], [])
  })
  afterAll(() => {
    db?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const keysOf = (ls: LogRecord[]) => [...new Set(ls.flatMap((l) => Object.keys(l.attributes)))]

  it('stores each log’s signature as computed at ingest', async () => {
    const rows = await db.all(`SELECT uuid::VARCHAR AS uuid, key_bits::VARCHAR AS bits FROM logs`)
    const byUuid = new Map(logs.map((l) => [l.uuid, toUint64(keyBitsOf(l.attributes)).toString()]))
    expect(rows).toHaveLength(logs.length)
    for (const r of rows) expect(r.bits).toBe(byUuid.get(r.uuid as string))
  })

  it('never rules out a log that has the key: "may have" holds for every one, "lacks" for none', async () => {
    // The keys the JSON text holds: the promoted ones are in their columns (schema 5).
    for (const key of [...keysOf(logs).filter((k) => !Object.hasOwn(HOT_ATTRIBUTE_COLUMNS, k)), 'never.seen']) {
      const having = logs.filter((l) => Object.hasOwn(l.attributes, key)).length
      const p = new Params()
      const pointer = p.add(jsonPointer(key))
      const counts = await db.one(
        `SELECT count_if(${mayHaveKeySql(key)} AND json_exists(attributes, ${pointer})) AS may_and_has,
                count_if(${lacksKeySql(key)} AND json_exists(attributes, ${pointer})) AS lacks_but_has
         FROM logs`,
        p,
      )
      expect(counts).toEqual({ may_and_has: having, lacks_but_has: 0 })
    }
  })

  it('puts every log on exactly one side of "may have" and "lacks"', async () => {
    for (const key of ['tenant', 'user_agent', 'never.seen']) {
      const counts = await db.one(`SELECT count_if(${mayHaveKeySql(key)}) AS may, count_if(${lacksKeySql(key)}) AS lacks, count(*) AS n FROM logs`)
      expect(Number(counts!.may) + Number(counts!.lacks)).toBe(Number(counts!.n))
      expect(Number(counts!.may)).toBeGreaterThanOrEqual(logs.filter((l) => Object.hasOwn(l.attributes, key)).length)
    }
  })
})
