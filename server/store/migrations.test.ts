import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterEach, describe, expect, it } from 'vitest'
import { Db } from './db'
import { keyBitsOf, toUint64 } from './key-bits'
import { migrate, SCHEMA_VERSION } from './migrations'
import { NO_RESOLVER, NO_RULE_SET } from './rule-sets'
import { statusNumber, storedStatus } from '../rules/engine'

let dir: string | null = null
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

/** A store as the schema-1 build left it: logs without key_bits, a per-minute rollup, the key catalog. */
interface OldLog {
  minute: number
  service: string
  attributes: Record<string, string>
}

async function schemaOneStore(logs: OldLog[]): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-migrate-'))
  const instance = await DuckDBInstance.create(join(dir, 'logdeck.duckdb'))
  const c = await instance.connect()
  await migrate(c, 1)
  for (const [i, l] of logs.entries()) {
    const ts = `make_timestamp(${l.minute * 60_000_000 + i})`
    await c.run(
      `INSERT INTO logs VALUES (1, uuid(), ${ts}, NULL, 'INFO', 9, 1, $1, 'b', '', '', '', NULL, NULL, NULL, $3, NULL, $2::JSON, '{}', 10, 7)`,
      [l.service, JSON.stringify(l.attributes), l.attributes['http.status_code'] ?? null],
    )
    await c.run(
      `INSERT INTO rollup_1m VALUES (1, make_timestamp(${l.minute * 60_000_000}), $1, 1, 1, 10)
       ON CONFLICT DO UPDATE SET count = count + 1, bytes = bytes + 10`,
      [l.service],
    )
  }
  c.closeSync()
  instance.closeSync()
  return dir
}

describe('migrations', () => {
  it('brings a schema-1 store to the current schema: every log gets its key signature, the half-hour rollup its sums', async () => {
    const base = Date.UTC(2026, 0, 1) / 60_000
    const logs: OldLog[] = [
      { minute: base, service: 'a', attributes: { 'http.route': '/x', queue: 'q', 'http.response.status_code': ' 503.7 ' } },
      // The status: from the second key when the first is empty; none for text; clamped; NaN is none.
      { minute: base + 1, service: 'a', attributes: { 'we"ird': '1', 'http.status_code': '', 'http.response.status_code': '404' } },
      { minute: base + 29, service: 'b', attributes: { 'http.status_code': 'OK', 'http.response.status_code': '500' } },
      { minute: base + 30, service: 'a', attributes: { 'user_agent.original': 'kube-probe/1.29', 'http.status_code': '-1e12' } },
      { minute: base + 95, service: 'b', attributes: { queue: 'q', job: 'j', 'http.status_code': 'nan' } },
    ]
    const path = await schemaOneStore(logs)
    // The catalog as ingestion keeps it, minus one key: a key it lacks must still never be ruled out.
    const instance = await DuckDBInstance.create(join(path, 'logdeck.duckdb'))
    const c = await instance.connect()
    for (const key of ['http.route', 'queue', 'we"ird', 'job', 'http.status_code', 'http.response.status_code']) {
      await c.run(`INSERT INTO attribute_keys VALUES (1, make_timestamp(0), 'log', 'a', $1, 1)`, [key])
    }
    c.closeSync()
    instance.closeSync()

    const db = await Db.open({ dataDir: path, memoryLimit: '256MB' })
    try {
      expect(await db.one('SELECT max(version) AS v FROM schema_version')).toEqual({ v: SCHEMA_VERSION })
      const rows = await db.all(`SELECT attributes::VARCHAR AS a, key_bits::VARCHAR AS bits FROM logs ORDER BY timestamp`)
      const expected = logs.map((l) =>
        // user_agent.original is not in the catalog: that log keeps the all-ones signature.
        'user_agent.original' in l.attributes ? (2n ** 64n - 1n).toString() : toUint64(keyBitsOf(l.attributes)).toString(),
      )
      expect(rows.map((r) => r.bits)).toEqual(expected)
      // Schema 3: no log of an older build was evaluated against a recorded rule set.
      expect(await db.all('SELECT DISTINCT rule_set, resolver FROM logs')).toEqual([{ rule_set: NO_RULE_SET, resolver: NO_RESOLVER }])
      expect(await db.all('SELECT count(*)::INTEGER AS n FROM rule_sets')).toEqual([{ n: 0 }])
      // …and the status always_keep compares is read out of the attributes once, as ingestion stores it.
      const statuses = await db.all('SELECT status_number AS s FROM logs ORDER BY timestamp')
      expect(statuses).toEqual(logs.map((l) => ({ s: storedStatus(statusNumber(l.attributes)) })))
      expect(statuses).toEqual([{ s: 503 }, { s: 404 }, { s: null }, { s: -(2 ** 31) }, { s: null }])
      const slots = await db.all(`SELECT epoch_us(slot) // 60000000 AS m, service_name AS s, count AS n, bytes AS b FROM rollup_30m ORDER BY m, s`)
      expect(slots).toEqual([
        { m: base, s: 'a', n: 2, b: 20 },
        { m: base, s: 'b', n: 1, b: 10 },
        { m: base + 30, s: 'a', n: 1, b: 10 },
        { m: base + 90, s: 'b', n: 1, b: 10 },
      ])
    } finally {
      db.close()
    }
  })

  it('schema 6 copies the logs into a table of the same columns with fixed compression, losing nothing', async () => {
    const base = Date.UTC(2026, 0, 1) / 60_000
    const path = await schemaOneStore([
      { minute: base, service: 'a', attributes: { 'http.route': '/x' } },
      { minute: base + 1, service: 'b', attributes: { queue: 'q', 'http.status_code': '503' } },
    ])
    const instance = await DuckDBInstance.create(join(path, 'logdeck.duckdb'))
    const c = await instance.connect()
    const columns = `SELECT column_index, column_name, data_type, is_nullable, column_default FROM duckdb_columns() WHERE table_name = 'logs' ORDER BY column_index`
    const logs = 'SELECT * EXCLUDE (uuid), uuid::VARCHAR AS uuid FROM logs ORDER BY timestamp'
    await migrate(c, 5)
    const columnsBefore = (await c.runAndReadAll(columns)).getRowObjectsJson()
    const logsBefore = (await c.runAndReadAll(logs)).getRowObjectsJson()
    await migrate(c)
    expect((await c.runAndReadAll(columns)).getRowObjectsJson()).toEqual(columnsBefore)
    expect((await c.runAndReadAll(logs)).getRowObjectsJson()).toEqual(logsBefore)
    expect(logsBefore).toHaveLength(2)
    // Unique service names and severity texts, which DuckDB alone would not store as a dictionary.
    await c.run(`
      INSERT INTO logs (env_id, uuid, timestamp, severity_text, severity_number, level, service_name, body, trace_id, span_id,
                        event_name, attributes, resource_attributes, bytes, sample_key)
      SELECT 1, uuid(), make_timestamp(i), 'sev-' || i, 9, 1, 'service-' || i, 'body ' || i, md5(i::VARCHAR), '', '', '{}', '{}', 10, i
      FROM range(5000) t(i)`)
    await c.run('CHECKPOINT')
    const stored = (
      await c.runAndReadAll(`SELECT DISTINCT column_name AS c, compression AS k FROM pragma_storage_info('logs') WHERE segment_type <> 'VALIDITY' ORDER BY c`)
    ).getRowObjectsJS()
    const compression = (column: string) => stored.filter((r) => r.c === column).map((r) => r.k)
    expect(compression('service_name')).toEqual(['Dictionary'])
    expect(compression('severity_text')).toEqual(['Dictionary'])
    expect(compression('trace_id')).toEqual(['FSST'])
    expect(compression('uuid')).toEqual(['Uncompressed'])
    expect(compression('sample_key')).toEqual(['Uncompressed'])
    c.closeSync()
    instance.closeSync()
  })

  it('refuses a store from a newer build with a message that says so', async () => {
    const path = await schemaOneStore([])
    const instance = await DuckDBInstance.create(join(path, 'logdeck.duckdb'))
    const c = await instance.connect()
    await c.run(`INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1})`)
    c.closeSync()
    instance.closeSync()
    await expect(Db.open({ dataDir: path, memoryLimit: '256MB' })).rejects.toThrow(
      `This store has schema version ${SCHEMA_VERSION + 1}, but this build of Logdeck knows versions up to ${SCHEMA_VERSION}.`,
    )
  })
})
