import { bucketStepMs } from '../../src/contract/buckets'
import { NO_SERVICE, OTHER_SERVICES, type LogRow, type SparklinePoint } from '../../src/contract/logs'
import { badRequest } from '../http/errors'
import { Params, usToIso, type Db, type Reader, type Row } from './db'
import { mayHaveKeySql } from './key-bits'
import {
  attributeExpr,
  HOT_ATTRIBUTE_COLUMNS,
  jsonOnlyLogKey,
  LEVEL_NAMES,
  levelCodes,
  containsText,
  logWhere,
  rollupCanAnswer,
  serviceNameValue,
  type AttributeKind,
  type LogFilter,
} from './log-filters'

const MINUTE_US = 60_000_000
const HOUR_US = 3_600_000_000
const HALF_HOUR_US = 1_800_000_000

const displayService = (name: string) => (name === '' ? NO_SERVICE : name)

/** Cursor: the last row's (timestamp µs, uuid), opaque to clients. */
export function encodeCursor(tsUs: number, uuid: string): string {
  return Buffer.from(`${tsUs}|${uuid}`).toString('base64url')
}
export function decodeCursor(cursor: string): { tsUs: number; uuid: string } {
  const m = /^(\d{1,17})\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!m) throw badRequest('The cursor is not one this server issued; start again without `after`.', 'after')
  return { tsUs: Number(m[1]), uuid: m[2]! }
}

function toLogRow(r: Row): LogRow {
  return {
    uuid: r.uuid as string,
    timestamp: usToIso(r.ts as number),
    observed_timestamp: r.ots === null ? null : usToIso(r.ots as number),
    severity_text: r.severity_text as string,
    severity_number: r.severity_number as number,
    level: LEVEL_NAMES[r.level as number]!,
    service_name: r.service_name as string,
    body: r.body as string,
    attributes: withHotKeys(JSON.parse(r.attributes as string) as Record<string, string>, r),
    resource_attributes: JSON.parse(r.resource_attributes as string) as Record<string, string>,
    trace_id: r.trace_id as string,
    span_id: r.span_id as string,
    event_name: r.event_name as string,
  }
}

/** The promoted attribute keys and their columns. */
const HOT_COLUMNS = Object.entries(HOT_ATTRIBUTE_COLUMNS)

/**
 * A stored log's attributes: its JSON text holds all but the promoted keys, which are in their
 * columns (schema 5); a log stored before has them in both, with the same value.
 */
function withHotKeys(attributes: Record<string, string>, r: Row): Record<string, string> {
  for (const [key, column] of HOT_COLUMNS) {
    const value = r[column]
    if (value !== null && value !== undefined) attributes[key] = value as string
  }
  return attributes
}

const LOG_COLUMNS = `uuid::VARCHAR AS uuid, epoch_us(timestamp) AS ts, epoch_us(observed_timestamp) AS ots, severity_text,
  severity_number, level, service_name, body, attributes::VARCHAR AS attributes, ${HOT_COLUMNS.map(([, column]) => column).join(', ')},
  resource_attributes::VARCHAR AS resource_attributes, trace_id, span_id, event_name`

/** How many times wider each probe of a newest-first (or oldest-first) query is than the last. */
const PROBE_GROWTH = 8
/** The first probe's share of the window: the last 1/64 (22.5 minutes of a day; a filtered page of the newest logs usually fills in one probe). */
const FIRST_PROBE_SHARE = 64

/**
 * A page of logs, newest (or oldest) first. Logs are stored in arrival order, so DuckDB skips the
 * blocks outside a time range; the page is therefore read from the END of the window in probes —
 * the last 1/64 of it, then each next slice 8× wider, never reading a slice twice — and stops as
 * soon as a probe fills the page. Every log of a later slice is strictly older (newer, ascending)
 * than every log of an earlier one, so the pieces concatenate in order; a filter that matches
 * little reads the window once, as a single query would.
 */
export async function queryLogs(
  db: Db,
  f: LogFilter & { orderBy: 'latest' | 'earliest'; limit: number; after?: string | null },
): Promise<{ results: LogRow[]; hasMore: boolean; nextCursor: string | null }> {
  const desc = f.orderBy !== 'earliest'
  const cursor = f.after ? decodeCursor(f.after) : null
  // The part of the window the cursor leaves ([lo, hi) in µs): the cursor's own microsecond stays
  // in, as other logs may share it (the uuid decides those).
  let lo = f.fromUs
  let hi = f.toUs
  if (cursor && desc) hi = Math.min(hi, cursor.tsUs + 1)
  if (cursor && !desc) lo = Math.max(lo, cursor.tsUs)
  const want = f.limit + 1
  const rows: Row[] = []
  let width = Math.max(1, Math.ceil((hi - lo) / FIRST_PROBE_SHARE))
  let done = lo >= hi
  let edge = desc ? hi : lo
  while (!done) {
    const from = desc ? Math.max(lo, edge - width) : edge
    const to = desc ? edge : Math.min(hi, edge + width)
    rows.push(...(await readSlice(db, f, { fromUs: from, toUs: to }, desc, cursor, want - rows.length)))
    edge = desc ? from : to
    done = rows.length >= want || (desc ? edge <= lo : edge >= hi)
    width *= PROBE_GROWTH
  }
  const hasMore = rows.length > f.limit
  const page = rows.slice(0, f.limit)
  const last = page[page.length - 1]
  return {
    results: page.map(toLogRow),
    hasMore,
    nextCursor: hasMore && last ? encodeCursor(last.ts as number, last.uuid as string) : null,
  }
}

/** Up to `limit` logs of one time slice of the window, in page order, after the cursor. */
async function readSlice(
  db: Db, f: LogFilter, slice: { fromUs: number; toUs: number }, desc: boolean, cursor: { tsUs: number; uuid: string } | null, limit: number,
): Promise<Row[]> {
  const p = new Params()
  let where = logWhere({ ...f, ...slice }, p)
  if (cursor) {
    const t = p.ts(cursor.tsUs)
    const op = desc ? '<' : '>'
    where += ` AND (timestamp ${op} ${t} OR (timestamp = ${t} AND uuid ${op} ${p.add(cursor.uuid)}::UUID))`
  }
  const dir = desc ? 'DESC' : 'ASC'
  // Ranked on the stored columns (not the selected `uuid::VARCHAR AS uuid`): DuckDB compares the
  // uuids as stored and reads the other columns of the page's rows only (late materialization, db.ts
  // READ_SETTINGS), not of every row of the slice.
  return db.all(`SELECT ${LOG_COLUMNS} FROM logs WHERE ${where} ORDER BY logs.timestamp ${dir}, logs.uuid ${dir} LIMIT ${p.add(limit)}`, p)
}

/** One log by uuid within ±1 s of a timestamp (explain, links to a log). */
export async function findLog(db: Db, envId: number, uuid: string, timestampMs: number): Promise<LogRow | null> {
  const p = new Params()
  const row = await db.one(
    `SELECT ${LOG_COLUMNS} FROM logs WHERE env_id = ${p.add(envId)} AND timestamp >= ${p.ts((timestampMs - 1000) * 1000)}
       AND timestamp <= ${p.ts((timestampMs + 1000) * 1000)} AND uuid = ${p.add(uuid)}::UUID LIMIT 1`,
    p,
  )
  return row ? toLogRow(row) : null
}

export async function listAttributeKeys(
  db: Db,
  a: { envId: number; fromUs: number; toUs: number; kind: AttributeKind; search: string; serviceNames: readonly string[]; limit: number; offset: number },
): Promise<{ results: { name: string; propertyFilterType: string }[]; count: number }> {
  const p = new Params()
  const where = [
    `env_id = ${p.add(a.envId)}`,
    `attribute_type = ${p.add(a.kind)}`,
    `hour >= ${p.ts(Math.floor(a.fromUs / HOUR_US) * HOUR_US)}`,
    `hour < ${p.ts(a.toUs)}`,
  ]
  if (a.search) where.push(containsText('key', a.search, p))
  if (a.serviceNames.length) where.push(`service_name IN (${a.serviceNames.map((s) => p.add(serviceNameValue(s))).join(', ')})`)
  const rows = await db.all(
    `SELECT key, sum(count) AS n, count(*) OVER () AS total FROM attribute_keys WHERE ${where.join(' AND ')}
     GROUP BY key ORDER BY n DESC, key LIMIT ${p.add(a.limit)} OFFSET ${p.add(a.offset)}`,
    p,
  )
  const type = a.kind === 'log' ? 'log_attribute' : 'log_resource_attribute'
  let count = (rows[0]?.total as number | undefined) ?? 0
  if (rows.length === 0 && a.offset > 0) {
    const c = await db.one(`SELECT count(DISTINCT key) AS total FROM attribute_keys WHERE ${where.join(' AND ')}`, p)
    count = (c?.total as number) ?? 0
  }
  return { results: rows.map((r) => ({ name: r.key as string, propertyFilterType: type })), count }
}

export async function listAttributeValues(
  db: Db,
  a: LogFilter & { kind: AttributeKind; key: string; value: string; limit: number; offset: number },
): Promise<{ id: string; name: string; count: number }[]> {
  const p = new Params()
  const expr = attributeExpr(a.kind, a.key, p)
  const where = jsonOnlyLogKey(a.kind, a.key) ? `${logWhere(a, p)} AND ${mayHaveKeySql(a.key)}` : logWhere(a, p)
  const search = a.value ? ` AND ${containsText('v', a.value, p)}` : ''
  // Values are grouped first and filtered after, in a materialised step: a condition on the JSON
  // text in the same WHERE would keep DuckDB from applying the key-signature filter inside the
  // scan, and the text would then be decoded for every log (about 5x the CPU on the bench store).
  const rows = await db.all(
    `WITH vals AS MATERIALIZED (SELECT ${expr} AS v, count(*) AS n FROM logs WHERE ${where} GROUP BY v)
     SELECT v, n FROM vals WHERE v IS NOT NULL${search} ORDER BY n DESC, v
     LIMIT ${p.add(a.limit)} OFFSET ${p.add(a.offset)}`,
    p,
  )
  return rows.map((r) => ({ id: r.v as string, name: r.v as string, count: r.n as number }))
}

/**
 * Counts per (bucket, service, level — or all levels together) over the window, exact at any window: whole half hours from
 * `rollup_30m` (when the buckets are whole half hours or there are none), the whole minutes around
 * them from `rollup_1m`, the partial minutes at either edge from raw rows. Falls back to raw rows
 * when the filter needs fields the rollups do not keep (body search, attribute filters).
 */
async function groupedCounts(
  db: Reader, f: LogFilter, stepUs: number | null, byLevel = true,
  /** The final aggregation over the parts' rows (b, service_name, level, c, sz). */
  outer = (parts: string) => `SELECT b, service_name, level, sum(c)::DOUBLE AS c, sum(sz)::DOUBLE AS sz FROM (${parts}) GROUP BY ALL`,
): Promise<Row[]> {
  const p = new Params()
  const level = byLevel ? 'level' : '0 AS level'
  const bucket = (col: string) => (stepUs ? `(epoch_us(${col}) // ${p.add(stepUs)}) * ${p.add(stepUs)}` : '0')
  const raw = (fromUs: number, toUs: number) =>
    `SELECT ${bucket('timestamp')} AS b, service_name, ${level}, count(*) AS c, sum(bytes) AS sz
     FROM logs WHERE ${logWhere({ ...f, fromUs, toUs }, p)} GROUP BY ALL`
  const rollup = (table: 'rollup_1m' | 'rollup_30m', fromUs: number, toUs: number) => {
    const time = table === 'rollup_1m' ? 'minute' : 'slot'
    const where = [`env_id = ${p.add(f.envId)}`, `${time} >= ${p.ts(fromUs)}`, `${time} < ${p.ts(toUs)}`]
    if (f.severityLevels?.length) where.push(`level IN (${levelCodes(f.severityLevels).map((c) => p.add(c)).join(', ')})`)
    if (f.serviceNames?.length) where.push(`service_name IN (${f.serviceNames.map((s) => p.add(serviceNameValue(s))).join(', ')})`)
    return `SELECT ${bucket(time)} AS b, service_name, ${level}, sum(count) AS c, sum(bytes) AS sz FROM ${table} WHERE ${where.join(' AND ')} GROUP BY ALL`
  }
  const fullFrom = Math.ceil(f.fromUs / MINUTE_US) * MINUTE_US
  const fullTo = Math.floor(f.toUs / MINUTE_US) * MINUTE_US
  const rollupOk = rollupCanAnswer(f) && (!stepUs || stepUs % MINUTE_US === 0) && fullFrom < fullTo
  const parts: string[] = []
  if (rollupOk) {
    const slotFrom = Math.ceil(fullFrom / HALF_HOUR_US) * HALF_HOUR_US
    const slotTo = Math.floor(fullTo / HALF_HOUR_US) * HALF_HOUR_US
    if ((!stepUs || stepUs % HALF_HOUR_US === 0) && slotFrom < slotTo) {
      parts.push(rollup('rollup_30m', slotFrom, slotTo))
      if (fullFrom < slotFrom) parts.push(rollup('rollup_1m', fullFrom, slotFrom))
      if (slotTo < fullTo) parts.push(rollup('rollup_1m', slotTo, fullTo))
    } else {
      parts.push(rollup('rollup_1m', fullFrom, fullTo))
    }
    if (f.fromUs < fullFrom) parts.push(raw(f.fromUs, fullFrom))
    if (fullTo < f.toUs) parts.push(raw(fullTo, f.toUs))
  } else {
    parts.push(raw(f.fromUs, f.toUs))
  }
  return db.all(outer(parts.join(' UNION ALL ')), p)
}

export interface ServiceStats {
  service_name: string
  log_count: number
  error_count: number
  severity_breakdown: { debug: number; info: number; warn: number; error: number }
}

/** Every service in the window with its severity mix, most logs first. */
export async function serviceStats(db: Db, f: LogFilter): Promise<{ services: ServiceStats[]; totalLogs: number }> {
  // One row per service with its levels side by side (a window can hold thousands of services).
  const rows = await groupedCounts(db, f, null, true, (parts) =>
    `SELECT service_name, ${LEVEL_NAMES.map((name, code) => `coalesce(sum(c) FILTER (WHERE level = ${code}), 0)::DOUBLE AS ${name}`).join(', ')}
     FROM (${parts}) GROUP BY service_name`,
  )
  let totalLogs = 0
  const services = rows.map((r): ServiceStats => {
    const severity_breakdown = { debug: r.debug as number, info: r.info as number, warn: r.warn as number, error: r.error as number }
    const log_count = severity_breakdown.debug + severity_breakdown.info + severity_breakdown.warn + severity_breakdown.error
    totalLogs += log_count
    return { service_name: displayService(r.service_name as string), log_count, error_count: severity_breakdown.error, severity_breakdown }
  })
  services.sort((a, b) => b.log_count - a.log_count || a.service_name.localeCompare(b.service_name))
  return { services, totalLogs }
}

/** Logs per (bucket, service) in the filter's window, from the rollups where they answer exactly. */
export async function countsByBucketAndService(db: Reader, f: LogFilter, stepUs: number): Promise<{ b: number; service_name: string; c: number }[]> {
  const rows = await groupedCounts(db, f, stepUs, false)
  return rows.map((r) => ({ b: r.b as number, service_name: r.service_name as string, c: r.c as number }))
}

export function stepUsFor(f: { fromUs: number; toUs: number }): number {
  return bucketStepMs((f.toUs - f.fromUs) / 1000) * 1000
}

/** Per-bucket counts per service, for the given services only (every service when none are given). */
export async function serviceSparkline(db: Db, f: LogFilter): Promise<{ time: string; service_name: string; count: number }[]> {
  if (f.serviceNames && f.serviceNames.length === 0) return []
  const rows = await countsByBucketAndService(db, f, stepUsFor(f))
  return rows
    .map((r) => ({ time: usToIso(r.b), service_name: displayService(r.service_name), count: r.c }))
    .sort((a, b) => a.time.localeCompare(b.time) || a.service_name.localeCompare(b.service_name))
}

export const SPARKLINE_TOP_SERVICES = 25

/** The sparkline endpoint: by severity (default) or by the 25 largest services plus `(other)`. */
export async function sparkline(db: Db, f: LogFilter, breakdown: 'severity' | 'service'): Promise<SparklinePoint[]> {
  const rows = await groupedCounts(db, f, stepUsFor(f))
  const points = new Map<string, SparklinePoint>()
  let top: Set<string> | null = null
  if (breakdown === 'service') {
    const totals = new Map<string, number>()
    for (const r of rows) totals.set(r.service_name as string, (totals.get(r.service_name as string) ?? 0) + (r.c as number))
    top = new Set([...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, SPARKLINE_TOP_SERVICES).map(([s]) => s))
  }
  for (const r of rows) {
    const time = usToIso(r.b as number)
    const severity = breakdown === 'severity' ? LEVEL_NAMES[r.level as number]! : null
    const service = top ? (top.has(r.service_name as string) ? displayService(r.service_name as string) : OTHER_SERVICES) : null
    const key = `${time}|${severity}|${service}`
    const e = points.get(key) ?? { time, severity, service, count: 0, bytes_uncompressed: 0 }
    e.count += r.c as number
    e.bytes_uncompressed += r.sz as number
    points.set(key, e)
  }
  return [...points.values()].sort(
    (a, b) => a.time.localeCompare(b.time) || String(a.severity ?? a.service).localeCompare(String(b.severity ?? b.service)),
  )
}

/**
 * How often logs of the same shape as `pattern` (see server/ai/prompt.ts normalisePattern) came from
 * this service: count in the last hour, first/last seen in the last 24 h. The pattern's literal text
 * before its first placeholder is a prefix of every matching body, so it narrows the scan cheaply.
 */
export async function similarLogs(
  db: Db,
  a: { envId: number; serviceName: string; pattern: string; rules: readonly { pattern: string; placeholder: string }[]; nowMs: number },
): Promise<{ count_1h: number; first_seen: string | null; last_seen: string | null }> {
  const p = new Params()
  let normalised = 'body'
  for (const rule of a.rules) normalised = `regexp_replace(${normalised}, ${p.add(rule.pattern)}, ${p.add(rule.placeholder)}, 'g')`
  const prefix = a.pattern.split('<')[0]!
  const row = await db.one(
    `SELECT count(*) FILTER (WHERE timestamp >= ${p.ts((a.nowMs - 3_600_000) * 1000)}) AS n,
            epoch_us(min(timestamp)) AS first_us, epoch_us(max(timestamp)) AS last_us
     FROM logs
     WHERE env_id = ${p.add(a.envId)} AND timestamp >= ${p.ts((a.nowMs - 86_400_000) * 1000)} AND timestamp <= ${p.ts(a.nowMs * 1000)}
       AND service_name = ${p.add(serviceNameValue(a.serviceName))}
       AND starts_with(body, ${p.add(prefix)}) AND ${normalised} = ${p.add(a.pattern)}`,
    p,
  )
  return {
    count_1h: (row?.n as number) ?? 0,
    first_seen: row?.first_us == null ? null : usToIso(row.first_us as number),
    last_seen: row?.last_us == null ? null : usToIso(row.last_us as number),
  }
}
