import type { DuckDBConnection } from '@duckdb/node-api'
import { keyMask, toUint64 } from './key-bits'
import { jsonPointer } from './log-filters'

/**
 * Schema versions. Each migration runs once, in order, in one transaction with its version bump.
 * A store written by a newer build (a version we do not know) refuses to open with a clear message.
 *
 * Design (see storage-notes.md): logs are appended in arrival order (so DuckDB's per-block min/max
 * on `timestamp` prunes blocks outside a window); the hot keys rules and dashboards read are real
 * columns; the long tail of attributes is JSON text; `rollup_1m` answers services/sparklines;
 * `attribute_keys` answers key autocomplete without scanning logs.
 */
interface Migration {
  version: number
  /** May be empty: a version that changes what the columns hold, not their shape. */
  sql: string
  /** A step SQL alone cannot do, run after `sql` in the same transaction. */
  then?: (c: DuckDBConnection) => Promise<void>
}

const ALL_BITS = '18446744073709551615::UBIGINT'

/** engine.ts `storedStatus` of a DOUBLE expression. */
const storedStatusSql = (s: string) =>
  `CASE WHEN ${s} IS NULL OR isnan(${s}) THEN NULL WHEN ${s} >= 2147483647 THEN 2147483647 WHEN ${s} <= -2147483648 THEN -2147483648 ELSE floor(${s})::INTEGER END`

/** A log attribute kept only in the JSON text, NULL when absent (the substring test spares most logs the parse). */
const jsonText = (key: string) => `CASE WHEN contains(attributes, '"${key}"') THEN json_extract_string(attributes, '${jsonPointer(key)}') END`
/** Beyond this many distinct keys an old store keeps the all-ones signature (correct, just no faster). */
const BACKFILL_MAX_KEYS = 100_000

/**
 * Gives the logs stored before schema 2 their key signature (key-bits.ts), from the attribute-key
 * catalog (which holds every key ingestion ever wrote): one map from key to mask, then each log's
 * keys OR-ed together. A key the catalog somehow lacks sets every bit, which is always safe.
 */
async function backfillKeyBits(c: DuckDBConnection): Promise<void> {
  const rows = (await c.runAndReadAll(`SELECT DISTINCT key FROM attribute_keys WHERE attribute_type = 'log' LIMIT ${BACKFILL_MAX_KEYS + 1}`)).getRowObjectsJS()
  if (rows.length === 0 || rows.length > BACKFILL_MAX_KEYS) return
  await c.run('CREATE TABLE key_masks (key VARCHAR NOT NULL, mask UBIGINT NOT NULL)')
  const appender = await c.createAppender('key_masks')
  for (const r of rows) {
    appender.appendVarchar(r.key as string)
    appender.appendUBigInt(toUint64(keyMask(r.key as string)))
    appender.endRow()
  }
  appender.closeSync()
  await c.run(`
    UPDATE logs SET key_bits = coalesce(list_aggregate(
        list_transform(json_keys(attributes), k -> coalesce(map_extract_value(masks.m, k), ${ALL_BITS})), 'bit_or'), 0)
    FROM (SELECT map_from_entries(list({'key': key, 'value': mask})) AS m FROM key_masks) AS masks`)
  await c.run('DROP TABLE key_masks')
}

/**
 * Schema 6: the compression each of the logs table's costly columns is stored with, fixed instead
 * of DuckDB's choice per segment. Choosing means analysing every candidate over each segment's
 * values before compressing them with the winner (dictionary hashing, HyperLogLog, an FSST symbol
 * table, for every text column); for these columns the winner is known from what they hold, and
 * the analysis was a fifth of DuckDB's write work. Inserting 3 × 1 M bench logs, auto against fixed,
 * alternated 3 times: 14.5 s against 11.4 s of CPU, the same 422 MB.
 * - Random values (uuids, sample keys): nothing compresses them, so they are stored as they are.
 * - Free text and ids (bodies, attribute JSON, paths, trace, span and user ids): FSST, which is
 *   what DuckDB picked for each of them.
 * - Values from a small set by their meaning (severity texts, services, event names, HTTP routes,
 *   methods and statuses, resource attribute sets): a dictionary. Should one hold unique values
 *   anyway, a dictionary stores them about as uncompressed text would (2.6× FSST's size for
 *   unique 60-byte strings): larger, never lost.
 * Migrations are history: this map is the schema-6 choice, not a setting to edit.
 */
const LOGS_COMPRESSION_V6: Record<string, 'uncompressed' | 'fsst' | 'dictionary'> = {
  uuid: 'uncompressed',
  sample_key: 'uncompressed',
  body: 'fsst',
  attributes: 'fsst',
  path: 'fsst',
  trace_id: 'fsst',
  span_id: 'fsst',
  user_id: 'fsst',
  severity_text: 'dictionary',
  service_name: 'dictionary',
  event_name: 'dictionary',
  http_route: 'dictionary',
  http_method: 'dictionary',
  status_code: 'dictionary',
  resource_attributes: 'dictionary',
}

/**
 * DuckDB cannot change a column's compression in place: the logs are copied, in their order, into
 * a table of the same columns (types, defaults, NOT NULLs read from the catalog) with the fixed
 * compressions, which then takes the old one's name. Runs once; on a large store it says so.
 */
async function fixLogsCompression(c: DuckDBConnection): Promise<void> {
  const columns = (
    await c.runAndReadAll(
      `SELECT column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt
       FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'logs' ORDER BY column_index`,
    )
  ).getRowObjectsJS()
  const definitions = columns.map((col) => {
    const compression = LOGS_COMPRESSION_V6[col.name as string]
    return [
      `"${col.name as string}" ${col.type as string}`,
      compression ? `USING COMPRESSION ${compression}` : '',
      col.dflt === null ? '' : `DEFAULT ${col.dflt as string}`,
      col.nullable ? '' : 'NOT NULL',
    ].join(' ')
  })
  const rows = Number((await c.runAndReadAll('SELECT count(*) AS n FROM logs')).getRowObjectsJS()[0]!.n)
  if (rows >= 1_000_000) console.log(`logdeck: upgrading the store to schema 6: copying ${rows.toLocaleString('en-US')} logs into a table with fixed column compression (once)…`)
  await c.run(`CREATE TABLE logs_v6 (${definitions.join(', ')})`)
  await c.run('INSERT INTO logs_v6 SELECT * FROM logs')
  await c.run('DROP TABLE logs')
  await c.run('ALTER TABLE logs_v6 RENAME TO logs')
}

const migrations: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE environments (
        id INTEGER PRIMARY KEY,
        name VARCHAR NOT NULL,
        project_token VARCHAR NOT NULL UNIQUE,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
      );
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        uuid UUID NOT NULL,
        distinct_id VARCHAR NOT NULL,
        first_name VARCHAR NOT NULL,
        last_name VARCHAR NOT NULL,
        email VARCHAR NOT NULL UNIQUE
      );
      CREATE TABLE api_keys (
        id UUID PRIMARY KEY,
        label VARCHAR NOT NULL,
        user_id INTEGER NOT NULL,
        secret_hash VARCHAR NOT NULL UNIQUE,
        mask VARCHAR NOT NULL,
        scopes VARCHAR[] NOT NULL,
        environment_ids INTEGER[],
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        revoked_at TIMESTAMP
      );
      CREATE TABLE logs (
        env_id INTEGER NOT NULL,
        uuid UUID NOT NULL,
        timestamp TIMESTAMP NOT NULL,
        observed_timestamp TIMESTAMP,
        severity_text VARCHAR NOT NULL,
        severity_number UTINYINT NOT NULL,
        level UTINYINT NOT NULL,
        service_name VARCHAR NOT NULL,
        body VARCHAR NOT NULL,
        trace_id VARCHAR NOT NULL,
        span_id VARCHAR NOT NULL,
        event_name VARCHAR NOT NULL,
        path VARCHAR,
        http_route VARCHAR,
        http_method VARCHAR,
        status_code VARCHAR,
        user_id VARCHAR,
        attributes JSON NOT NULL,
        resource_attributes JSON NOT NULL,
        bytes INTEGER NOT NULL,
        sample_key UINTEGER NOT NULL
      );
      CREATE TABLE rollup_1m (
        env_id INTEGER NOT NULL,
        minute TIMESTAMP NOT NULL,
        service_name VARCHAR NOT NULL,
        level UTINYINT NOT NULL,
        count BIGINT NOT NULL,
        bytes BIGINT NOT NULL,
        PRIMARY KEY (env_id, minute, service_name, level)
      );
      CREATE TABLE attribute_keys (
        env_id INTEGER NOT NULL,
        hour TIMESTAMP NOT NULL,
        attribute_type VARCHAR NOT NULL,
        service_name VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        count BIGINT NOT NULL,
        PRIMARY KEY (env_id, hour, attribute_type, service_name, key)
      );
      CREATE TABLE sampling_rules (
        id UUID PRIMARY KEY,
        env_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        enabled BOOLEAN NOT NULL,
        priority INTEGER NOT NULL,
        rule_type VARCHAR NOT NULL,
        scope_service VARCHAR,
        scope_path_pattern VARCHAR,
        scope_attribute_filters JSON NOT NULL,
        config JSON NOT NULL,
        version INTEGER NOT NULL,
        created_by INTEGER,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
      );
      CREATE TABLE rule_impact (
        env_id INTEGER NOT NULL,
        rule_id UUID NOT NULL,
        minute TIMESTAMP NOT NULL,
        dropped_logs BIGINT NOT NULL,
        dropped_bytes BIGINT NOT NULL,
        PRIMARY KEY (env_id, rule_id, minute)
      );
      CREATE TABLE views (
        id UUID PRIMARY KEY,
        env_id INTEGER NOT NULL,
        short_id VARCHAR NOT NULL UNIQUE,
        name VARCHAR NOT NULL,
        filters JSON NOT NULL,
        pinned BOOLEAN NOT NULL,
        created_by INTEGER,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        deleted_at TIMESTAMP
      );
      CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
    `,
  },
  {
    // key_bits: which attribute keys a log has (key-bits.ts), so conditions on keys outside the
    // promoted columns read the JSON text only for logs that may have them. rollup_30m: the
    // per-minute rollup summed per half hour, so a day's services table or sparkline (30-minute
    // buckets) adds up ~50 rows per series instead of ~1,440.
    version: 2,
    sql: `
      ALTER TABLE logs ADD COLUMN key_bits UBIGINT DEFAULT ${ALL_BITS};
      CREATE TABLE rollup_30m (
        env_id INTEGER NOT NULL,
        slot TIMESTAMP NOT NULL,
        service_name VARCHAR NOT NULL,
        level UTINYINT NOT NULL,
        count BIGINT NOT NULL,
        bytes BIGINT NOT NULL,
        PRIMARY KEY (env_id, slot, service_name, level)
      );
      INSERT INTO rollup_30m
        SELECT env_id, make_timestamp((epoch_us(minute) // 1800000000) * 1800000000) AS slot, service_name, level, sum(count), sum(bytes)
        FROM rollup_1m GROUP BY ALL;
    `,
    then: backfillKeyBits,
  },
  {
    // rule_set/resolver: which enabled rule set a log was evaluated against (rule_sets.id; 0 = none
    // yet) and where in it the first rule resolving the log sits (NO_RESOLVER = none did), so a
    // simulation behind those same rules reads two small integers instead of re-running their
    // conditions over each log's text. Ingestion fills both; a rule change re-evaluates the stored
    // logs of the last days in the background (server/rules/retag.ts). Older logs stay at 0.
    // status_number: the status `always_keep` compares, as engine.ts `storedStatus` keeps it, so
    // rules read an integer instead of casting text per log; for the logs already stored, from
    // the same first-non-empty-key cast the rules' SQL made until now.
    version: 3,
    sql: `
      ALTER TABLE logs ADD COLUMN rule_set UINTEGER DEFAULT 0;
      ALTER TABLE logs ADD COLUMN resolver USMALLINT DEFAULT 65535;
      ALTER TABLE logs ADD COLUMN status_number INTEGER;
      UPDATE logs SET status_number = ${storedStatusSql(`TRY_CAST(coalesce(nullif(status_code, ''), nullif(${jsonText('http.response.status_code')}, '')) AS DOUBLE)`)};
      CREATE TABLE rule_sets (
        id UINTEGER PRIMARY KEY,
        env_id INTEGER NOT NULL,
        digest VARCHAR NOT NULL,
        meanings JSON NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        UNIQUE (env_id, digest)
      );
    `,
  },
  {
    // The counters beside the logs become deltas (deltas.ts): ingestion appends rows and readers
    // sum them, so their tables lose the primary keys the upserts needed. DuckDB cannot drop a
    // constraint, so each table is copied into one without it.
    version: 4,
    sql: ['rollup_1m', 'rollup_30m', 'attribute_keys', 'rule_impact']
      .map(
        (t) => `
      CREATE TABLE ${t}_deltas AS SELECT * FROM ${t} LIMIT 0;
      INSERT INTO ${t}_deltas SELECT * FROM ${t};
      DROP TABLE ${t};
      ALTER TABLE ${t}_deltas RENAME TO ${t};`,
      )
      .join(''),
  },
  {
    // The promoted attribute keys are stored once, in their columns: `logs.attributes` keeps the
    // rest (ingest-chunks.ts), and a log read back gets them from the columns (logs.ts). Logs
    // stored before keep them in both, with the same value, so nothing is rewritten; the version
    // is bumped so that an older build, which reads attributes from the JSON alone, refuses this
    // store instead of showing logs without those keys.
    version: 5,
    sql: '',
  },
  {
    // Fixed compression for the logs table's costly columns (LOGS_COMPRESSION_V6).
    version: 6,
    sql: '',
    then: fixLogsCompression,
  },
]

export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version

/** Brings the store up to `upTo` (the newest version unless a test asks for an older one). */
export async function migrate(c: DuckDBConnection, upTo = SCHEMA_VERSION): Promise<void> {
  await c.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
  const rows = (await c.runAndReadAll('SELECT max(version) AS v FROM schema_version')).getRowObjectsJS()
  const current = Number(rows[0]?.v ?? 0)
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `This store has schema version ${current}, but this build of Logdeck knows versions up to ${SCHEMA_VERSION}. ` +
        'Run a newer Logdeck, or point --data-dir at another directory.',
    )
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue
    await c.run('BEGIN TRANSACTION')
    try {
      if (m.sql.trim()) await c.run(m.sql)
      await m.then?.(c)
      await c.run('INSERT INTO schema_version VALUES ($1)', [m.version])
      await c.run('COMMIT')
    } catch (e) {
      await c.run('ROLLBACK').catch(() => undefined)
      throw new Error(`Migrating the store to schema version ${m.version} failed: ${(e as Error).message}`, { cause: e })
    }
  }
}
