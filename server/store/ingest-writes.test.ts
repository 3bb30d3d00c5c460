import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normaliseLevel } from '../../src/contract/severity'
import { logPath, recordBytes, type LogRecord } from '../logs/record'
import { sampleKey, statusNumber, storedStatus } from '../rules/engine'
import { generateLogs } from '../rules/test-logs'
import { Db, Params, run } from './db'
import { CHUNK_ROWS } from './ingest-chunks'
import { writeBatch } from './ingest-writes'
import { keyBitsOf } from './key-bits'
import { NO_RESOLVER, NO_RULE_SET } from './rule-sets'
import { HOT_ATTRIBUTE_COLUMNS, LEVEL_CODES } from './log-filters'
import { jsonStoredAttributes } from '../test/support/stored-attributes'

/**
 * The writer before the column appender, kept here as the reference for what a log must be stored
 * as: every record as a JSON line, read back by DuckDB's read_json.
 */
async function referenceInsert(db: Db, envId: number, records: LogRecord[]) {
  const lines = records.map((r) => {
    const [kh, kl] = keyBitsOf(r.attributes)
    const row: Record<string, unknown> = {
      e: envId, u: r.uuid, t: r.timestampUs, o: r.observedUs || null, st: r.severityText, sn: r.severityNumber,
      l: LEVEL_CODES[r.level], s: r.serviceName, b: r.body, tr: r.traceId, sp: r.spanId, ev: r.eventName,
      // The JSON keeps all but the promoted keys, which are stored once, in their columns (schema 5).
      p: logPath(r.attributes) || null, a: jsonStoredAttributes(r.attributes),
      r: r.resourceAttributes, n: r.bytes,
      k: sampleKey(r.traceId || r.uuid), kh, kl,
      sn2: storedStatus(statusNumber(r.attributes)),
    }
    for (const [key, column] of Object.entries(HOT_ATTRIBUTE_COLUMNS)) row[column] = r.attributes[key] ?? null
    return JSON.stringify(row)
  })
  const file = join(db.tmpDir, `reference-${randomUUID()}.ndjson`)
  writeFileSync(file, lines.join('\n'))
  const p = new Params()
  await run(
    db.ingestConnection,
    `INSERT INTO logs SELECT e, u, make_timestamp(t), make_timestamp(o), st, sn, l, s, b, tr, sp, ev, p,
       http_route, http_method, status_code, user_id, a, r, n, k, (kh::UBIGINT << 32) | kl, 0, 65535, sn2
     FROM read_json(${p.add(file)}, format = 'newline_delimited', maximum_object_size = 67108864, columns = {e: 'INTEGER', u: 'UUID',
       t: 'BIGINT', o: 'BIGINT', st: 'VARCHAR', sn: 'UTINYINT', l: 'UTINYINT', s: 'VARCHAR', b: 'VARCHAR', tr: 'VARCHAR', sp: 'VARCHAR',
       ev: 'VARCHAR', p: 'VARCHAR', http_route: 'VARCHAR', http_method: 'VARCHAR', status_code: 'VARCHAR', user_id: 'VARCHAR',
       a: 'JSON', r: 'JSON', n: 'INTEGER', k: 'UINTEGER', kh: 'UINTEGER', kl: 'UINTEGER', sn2: 'INTEGER'})`,
    p,
  )
  rmSync(file)
}

/** Every column of every log, as text (NULL stays null), in uuid order. */
const allLogs = (db: Db) =>
  db.all(`SELECT COLUMNS(*)::VARCHAR, strlen(body) AS body_bytes, md5(body) AS body_md5 FROM logs ORDER BY uuid, timestamp`)

const resource = Object.freeze({ 'service.name': 'checkout-service-eu', 'host.name': 'web-7', 'k8s.pod.name': 'checkout-7d9f8-abcde' })
const otherResource = { 'service.name': 'ä', weird: 'line\nbreak "quoted" \\ back\u0001' }

function record(over: Partial<LogRecord>): LogRecord {
  const attributes = over.attributes ?? {}
  const resourceAttributes = over.resourceAttributes ?? resource
  const body = over.body ?? 'hello'
  const severityText = over.severityText ?? 'INFO'
  const severityNumber = over.severityNumber ?? 9
  return {
    uuid: randomUUID(),
    timestampUs: Date.UTC(2026, 0, 1, 12) * 1000 + 123,
    observedUs: Date.UTC(2026, 0, 1, 12) * 1000 + 456,
    severityText,
    severityNumber,
    level: normaliseLevel(severityText, severityNumber),
    serviceName: resourceAttributes['service.name'] ?? '',
    body,
    attributes,
    resourceAttributes,
    traceId: '',
    spanId: '',
    eventName: '',
    bytes: recordBytes(body, attributes, resourceAttributes),
    ...over,
  }
}

/** Values that are easy to get wrong: boundaries of inline strings, escaping, NUL, unicode, sizes. */
function awkwardRecords(): LogRecord[] {
  const out: LogRecord[] = [
    record({ body: '' }),
    record({ body: 'x'.repeat(12) }),
    record({ body: 'x'.repeat(13) }),
    record({ body: 'ünïcödé 12b' }), // 11 characters, more than 12 bytes
    record({ body: '日本語のログ 🚀 emoji', severityText: 'ERROR', severityNumber: 17 }),
    record({ body: 'tab\tnew\nline "quote" \\ back \u0001 \u001f \u007f \u2028 end' }),
    record({ body: 'nul \u0000 inside a long enough body', attributes: { 'nul.value': 'a\u0000b', 'long.nul': 'x\u0000'.repeat(20) } }),
    record({ body: 'B'.repeat(1024 * 1024) }),
    record({ attributes: { 'big.value': 'v'.repeat(200_000) } }),
    record({
      attributes: {
        'we"ird\\key': 'x', 'a/b~c': 'y', 'line\nkey': 'z', 'ключ': 'значение', '': 'empty key', 'emoji 🚀': '🚀',
      },
    }),
    record({ attributes: Object.defineProperty({}, '__proto__', { value: 'proto', enumerable: true, writable: true, configurable: true }) as Record<string, string> }),
    record({ attributes: { 'http.route': '/api/v1/orders/{id}', 'http.method': 'GET', 'http.status_code': '200', 'user.id': 'u_42' } }),
    record({ attributes: { 'http.route': '', 'http.method': 'ünï', 'http.status_code': '', 'user.id': 'a-user-id-longer-than-12' } }),
    // The status always_keep compares: the first non-empty key, as a number or none.
    record({ attributes: { 'http.status_code': '', 'http.response.status_code': ' 503.9 ' } }),
    record({ attributes: { 'http.status_code': 'OK', 'http.response.status_code': '404' } }),
    record({ attributes: { 'http.status_code': '-1e12' } }),
    record({ attributes: { 'http.status_code': 'Infinity' } }),
    record({ attributes: { 'url.path': '', 'http.path': '/second', path: '/fourth' } }),
    record({ attributes: { path: '/only-path-key' } }),
    record({ observedUs: 0 }),
    record({ timestampUs: 0, observedUs: 1 }),
    record({ timestampUs: -1_234_567, observedUs: -1 }),
    record({ timestampUs: 8_000_000_000_000_000 }),
    record({ severityText: '', severityNumber: 0 }),
    record({ severityText: 'FATAL4', severityNumber: 24 }),
    record({ severityText: 'Informational (custom)', severityNumber: 10 }),
    record({ traceId: '0123456789abcdef0123456789abcdef', spanId: '0123456789abcdef', eventName: 'ev' }),
    record({ traceId: '0123456789abcdef0123456789abcdef', spanId: 'fedcba9876543210', eventName: 'an event name past twelve' }),
    record({ uuid: randomUUID().toUpperCase() }),
    record({ uuid: '00000000-0000-0000-0000-000000000000' }),
    record({ uuid: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }),
    record({ uuid: '80000000-0000-0000-7fff-ffffffffffff' }),
    record({ resourceAttributes: otherResource, serviceName: 'ä' }),
    record({ resourceAttributes: {}, serviceName: '' }),
    record({ resourceAttributes: { ...resource }, serviceName: 'not the resource’s own' }),
    record({ bytes: 0 }),
  ]
  return out
}

describe('writeBatch', () => {
  let dir: string
  let reference: Db
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-ingest-writes-'))
    reference = await Db.open({ dataDir: join(dir, 'reference'), memoryLimit: '512MB' })
    db = await Db.open({ dataDir: join(dir, 'appended'), memoryLimit: '512MB' })
  })
  afterAll(() => {
    reference?.close()
    db?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('stores every column exactly as the NDJSON writer did, for awkward values and across chunk boundaries', async () => {
    const awkward = awkwardRecords()
    // More than two chunks of ordinary logs (shared traces, repeated paths and services), with the
    // awkward ones at the start, across the first chunk boundary and at the end.
    const many = generateLogs({ count: 2 * CHUNK_ROWS + 300, startMs: Date.UTC(2026, 0, 1), spanMs: 3 * 3_600_000, seed: 5 })
    const env1 = [...awkward, ...many.slice(0, CHUNK_ROWS - 40), ...awkward.map((r) => ({ ...r, uuid: randomUUID() })), ...many.slice(CHUNK_ROWS - 40)]
    const env2 = [...awkward.map((r) => ({ ...r, uuid: randomUUID() }))]
    await referenceInsert(reference, 1, env1)
    await referenceInsert(reference, 2, env2)
    await writeBatch(db, [{ envId: 1, records: env1 }, { envId: 2, records: env2 }], [])

    const expected = await allLogs(reference)
    const actual = await allLogs(db)
    expect(actual).toHaveLength(env1.length + env2.length)
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toEqual(expected[i])
    // The comparison is not vacuous: NULLs, NUL characters and megabyte bodies are really there.
    const [facts] = await db.all(`SELECT count(*) FILTER (observed_timestamp IS NULL) AS no_observed, count(*) FILTER (path IS NULL) AS no_path,
      count(*) FILTER (body LIKE '%' || chr(0) || '%') AS nul_bodies, max(length(body)) AS longest FROM logs`)
    expect(facts).toMatchObject({ no_observed: expect.any(Number), longest: 1024 * 1024 })
    expect(facts!.no_observed).toBeGreaterThan(0)
    expect(facts!.no_path).toBeGreaterThan(0)
    expect(facts!.nul_bodies).toBe(3)
  })

  it('keeps the rollups and the attribute-key catalog equal to what the stored logs add up to', async () => {
    const rollup = `SELECT env_id, minute::VARCHAR AS m, service_name, level, count, bytes FROM rollup_1m ORDER BY ALL`
    const fromLogs = `SELECT env_id, date_trunc('minute', timestamp)::VARCHAR AS m, service_name, level, count(*) AS count, sum(bytes) AS bytes
      FROM logs GROUP BY ALL ORDER BY ALL`
    expect(await db.all(rollup)).toEqual(await db.all(fromLogs))
    const halfHour = `SELECT env_id, slot::VARCHAR AS m, service_name, level, count, bytes FROM rollup_30m ORDER BY ALL`
    const halfFromLogs = `SELECT env_id, make_timestamp(floor(epoch_us(timestamp) / 1800000000)::BIGINT * 1800000000)::VARCHAR AS m, service_name, level,
      count(*) AS count, sum(bytes) AS bytes FROM logs GROUP BY ALL ORDER BY ALL`
    expect(await db.all(halfHour)).toEqual(await db.all(halfFromLogs))
    const catalog = `SELECT env_id, hour::VARCHAR AS h, attribute_type, service_name, key, count FROM attribute_keys ORDER BY ALL`
    const catalogFromLogs = `SELECT env_id, date_trunc('hour', timestamp)::VARCHAR AS h, t AS attribute_type, service_name, key, count(*) AS count
      FROM (SELECT env_id, timestamp, service_name, 'log' AS t, unnest(json_keys(attributes)) AS key FROM logs
            ${Object.entries(HOT_ATTRIBUTE_COLUMNS).map(([key, column]) => `UNION ALL SELECT env_id, timestamp, service_name, 'log', '${key}' FROM logs WHERE ${column} IS NOT NULL`).join('\n')}
            UNION ALL SELECT env_id, timestamp, service_name, 'resource', unnest(json_keys(resource_attributes)) FROM logs)
      GROUP BY ALL ORDER BY ALL`
    const expected = await db.all(catalogFromLogs)
    expect(expected.length).toBeGreaterThan(20)
    expect(await db.all(catalog)).toEqual(expected)
  })

  it('writes a chunk of long ASCII strings in one piece, and lone surrogates each as U+FFFD even where they meet', async () => {
    // Strings past 12 characters, all ASCII: one write of their concatenation. One chunk also ends
    // a body on a lone high surrogate and starts the next body on a lone low one: written together,
    // the two would make one valid pair (one 4-byte character) instead of two replacements.
    const startMs = Date.UTC(2026, 0, 3)
    const ascii = Array.from({ length: 40 }, (_, i) =>
      record({ body: `an ordinary ASCII body number ${i} `.repeat(1 + (i % 3)), traceId: `${i}`.padStart(32, 'a'), spanId: `${i}`.padStart(16, 'b'), timestampUs: startMs * 1000 + i }),
    )
    const lone = [
      record({ body: 'a long ASCII body ending on a lone high surrogate \ud83d', timestampUs: startMs * 1000 + 100 }),
      record({ body: '\ude00 a long ASCII body starting on a lone low surrogate', timestampUs: startMs * 1000 + 101 }),
      record({ body: 'and a third long ASCII body after them', timestampUs: startMs * 1000 + 102 }),
    ]
    await writeBatch(db, [{ envId: 3, records: ascii }, { envId: 4, records: lone }], [])
    const stored = async (envId: number) =>
      (await db.all(`SELECT body, trace_id, span_id FROM logs WHERE env_id = ${envId} ORDER BY timestamp`)).map((r) => [r.body, r.trace_id, r.span_id])
    expect(await stored(3)).toEqual(ascii.map((r) => [r.body, r.traceId, r.spanId]))
    // What Buffer's UTF-8 encoder makes of each string on its own: U+FFFD for a lone surrogate.
    const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8')
    expect(await stored(4)).toEqual(lone.map((r) => [utf8(r.body), '', '']))
    expect((await stored(4))[0]![0]).toMatch(/\uFFFD$/)
    expect((await stored(4))[1]![0]).toMatch(/^\uFFFD /)
  })

  it("stores each batch's rule set and each log's resolver, across chunk boundaries; a batch without them gets none", async () => {
    const startMs = Date.UTC(2026, 0, 4)
    const tagged = generateLogs({ count: CHUNK_ROWS + 7, startMs, spanMs: 1000, seed: 4 })
    const resolvers = Uint16Array.from(tagged, (_, i) => (i % 5 === 0 ? NO_RESOLVER : i % 11))
    const plain = generateLogs({ count: 3, startMs, spanMs: 1000, seed: 5 })
    await writeBatch(db, [{ envId: 5, records: tagged, ruleSet: 42, resolvers }, { envId: 6, records: plain, ruleSet: 43 }, { envId: 7, records: plain }], [])
    const tags = async (envId: number) => (await db.all(`SELECT uuid::VARCHAR AS u, rule_set, resolver FROM logs WHERE env_id = ${envId}`)).map((r) => [r.u, r.rule_set, r.resolver])
    const sorted = (rows: unknown[][]) => rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    expect(sorted(await tags(5))).toEqual(sorted(tagged.map((r, i) => [r.uuid, 42, resolvers[i]])))
    expect(sorted(await tags(6))).toEqual(sorted(plain.map((r) => [r.uuid, 43, NO_RESOLVER])))
    expect(sorted(await tags(7))).toEqual(sorted(plain.map((r) => [r.uuid, NO_RULE_SET, NO_RESOLVER])))
  })

  it('refuses a uuid that is not one, whatever character is wrong', async () => {
    const [{ n: before }] = (await db.all('SELECT count(*) AS n FROM logs')) as [{ n: number }]
    for (const uuid of ['0123456g-0000-0000-0000-000000000000', '01234567-0000-0000-0000-00000000000ü', '01234567+0000-0000-0000-000000000000', '0123']) {
      await expect(writeBatch(db, [{ envId: 1, records: [record({ uuid })] }], [])).rejects.toThrow(/Not a UUID/)
    }
    expect(await db.all('SELECT count(*) AS n FROM logs')).toEqual([{ n: before }])
  })

  it('lets the WAL grow past many flushes before DuckDB checkpoints (CHECKPOINT_THRESHOLD in db.ts, 256 MB)', async () => {
    // DuckDB reports 256 MB (decimal) in MiB; its default, 16 MB, reads 15.2 MiB.
    expect(await db.all(`SELECT current_setting('checkpoint_threshold') AS v`)).toEqual([{ v: '244.1 MiB' }])
  })

  it('stores nothing of a flush whose transaction fails, and the next flush still works', async () => {
    const before = await db.all(`SELECT (SELECT count(*) FROM logs) AS logs, (SELECT sum(count) FROM rollup_1m) AS rolled,
      (SELECT sum(count) FROM attribute_keys) AS keys, (SELECT count(*) FROM rule_impact) AS impact`)
    const good = generateLogs({ count: CHUNK_ROWS + 10, startMs: Date.UTC(2026, 0, 2), spanMs: 60_000, seed: 9 })
    // A bad value in the second chunk: the first chunk has reached the appender by then.
    const broken = good.map((r, i) => (i === CHUNK_ROWS + 5 ? { ...r, uuid: 'not-a-uuid' } : r))
    await expect(writeBatch(db, [{ envId: 1, records: broken }], [])).rejects.toThrow(/UUID/)
    // Logs all appended, then the rule-impact upsert fails (a rule id that is not a UUID).
    const drop = { envId: 1, ruleId: 'not-a-uuid', minuteUs: Date.UTC(2026, 0, 2) * 1000, logs: 1, bytes: 1 }
    await expect(writeBatch(db, [{ envId: 1, records: good }], [drop])).rejects.toThrow()
    expect(await db.all(`SELECT (SELECT count(*) FROM logs) AS logs, (SELECT sum(count) FROM rollup_1m) AS rolled,
      (SELECT sum(count) FROM attribute_keys) AS keys, (SELECT count(*) FROM rule_impact) AS impact`)).toEqual(before)

    await writeBatch(db, [{ envId: 1, records: good }], [{ ...drop, ruleId: randomUUID() }])
    const [after] = await db.all(`SELECT (SELECT count(*) FROM logs) AS logs, (SELECT count(*) FROM rule_impact) AS impact`)
    expect(after).toEqual({ logs: (before[0]!.logs as number) + good.length, impact: (before[0]!.impact as number) + 1 })
  })
})
