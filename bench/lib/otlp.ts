/**
 * OTLP/HTTP protobuf load: realistic export requests encoded ONCE by the OpenTelemetry JS SDK's own
 * serializer (@opentelemetry/otlp-transformer), then replayed with fresh timestamps written into
 * the encoded bytes, so the sender spends almost no CPU per batch and the server does all the work.
 */
import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api'
import type { SeverityNumber } from '@opentelemetry/api-logs'
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import type { LogRecord } from '../../server/logs/record'
import { benchServices, RecordGenerator } from './generate'
import { send } from './http'

export interface ProtoTemplate {
  body: Buffer
  logs: number
  /** Byte offsets of every LogRecord's time_unix_nano and observed_time_unix_nano (fixed64). */
  timeOffsets: Uint32Array
  /** Per offset: how many ns before "now" that record sits (spreads a batch over ~1 s). */
  ageNs: BigUint64Array
}

/** Encodes LogRecords as one ExportLogsServiceRequest with the SDK (one resource per service and host). */
export async function encodeProtobuf(records: readonly LogRecord[]): Promise<Buffer> {
  const exporter = new InMemoryLogRecordExporter()
  const providers = new Map<Record<string, string>, LoggerProvider>()
  const providerFor = (resource: Record<string, string>) => {
    let p = providers.get(resource)
    if (!p) {
      p = new LoggerProvider({ resource: resourceFromAttributes(resource), processors: [new SimpleLogRecordProcessor({ exporter })] })
      providers.set(resource, p)
    }
    return p
  }
  for (const r of records) {
    const logger = providerFor(r.resourceAttributes).getLogger('bench', '1.0.0')
    const context = r.traceId
      ? trace.setSpanContext(ROOT_CONTEXT, { traceId: r.traceId, spanId: r.spanId || '0123456789abcdef', traceFlags: TraceFlags.SAMPLED })
      : undefined
    const sec = Math.floor(r.timestampUs / 1e6)
    const ns = (r.timestampUs % 1e6) * 1000
    logger.emit({
      timestamp: [sec, ns],
      observedTimestamp: [sec, ns],
      severityNumber: r.severityNumber as SeverityNumber,
      severityText: r.severityText,
      body: r.body,
      attributes: r.attributes,
      context,
    })
  }
  await Promise.all([...providers.values()].map((p) => p.forceFlush()))
  const bytes = ProtobufLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())
  if (!bytes) throw new Error('The OpenTelemetry serializer produced nothing.')
  return Buffer.from(bytes)
}

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0
  let shift = 0
  for (;;) {
    const b = buf[pos++]!
    result += (b & 0x7f) * 2 ** shift
    if (b < 0x80) return [result, pos]
    shift += 7
  }
}

/** Walks an encoded message; `onField(field, wireType, start, end)` for each field (end = after its value). */
function walk(buf: Buffer, from: number, to: number, onField: (field: number, wire: number, start: number, end: number) => void) {
  let pos = from
  while (pos < to) {
    const [tag, p] = varint(buf, pos)
    const field = Math.floor(tag / 8)
    const wire = tag & 7
    let end: number
    let start = p
    if (wire === 0) end = varint(buf, p)[1]
    else if (wire === 1) end = p + 8
    else if (wire === 5) end = p + 4
    else if (wire === 2) {
      const [len, q] = varint(buf, p)
      start = q
      end = q + len
    } else throw new Error(`unexpected wire type ${wire}`)
    onField(field, wire, start, end)
    pos = end
  }
}

/** Offsets of time_unix_nano (1) and observed_time_unix_nano (11) in every LogRecord of a request. */
export function timeFieldOffsets(buf: Buffer): number[] {
  const out: number[] = []
  walk(buf, 0, buf.length, (f, w, s, e) => {
    if (f !== 1 || w !== 2) return // ResourceLogs
    walk(buf, s, e, (f2, w2, s2, e2) => {
      if (f2 !== 2 || w2 !== 2) return // ScopeLogs
      walk(buf, s2, e2, (f3, w3, s3, e3) => {
        if (f3 !== 2 || w3 !== 2) return // LogRecord
        walk(buf, s3, e3, (f4, w4, s4) => {
          if ((f4 === 1 || f4 === 11) && w4 === 1) out.push(s4)
        })
      })
    })
  })
  return out
}

/** `count` different templates of about `logs` records each (different traces, paths, services). */
export async function buildTemplates(count: number, logs: number, seed = 7): Promise<ProtoTemplate[]> {
  const now = Date.now()
  const gen = new RecordGenerator(seed, benchServices(40), now)
  const out: ProtoTemplate[] = []
  for (let i = 0; i < count; i++) {
    const records = gen.batch(now - 1000, now, logs)
    const body = await encodeProtobuf(records)
    const offsets = timeFieldOffsets(body)
    if (offsets.length !== records.length * 2) throw new Error(`found ${offsets.length} time fields for ${records.length} records`)
    const ageNs = new BigUint64Array(offsets.length)
    for (let j = 0; j < offsets.length; j++) {
      const t = body.readBigUInt64LE(offsets[j]!)
      ageNs[j] = BigInt(now) * 1_000_000n - t > 0n ? BigInt(now) * 1_000_000n - t : 0n
    }
    out.push({ body, logs: records.length, timeOffsets: Uint32Array.from(offsets), ageNs })
  }
  return out
}

/** A copy of the template with its records moved to end at `nowMs`. */
export function stamp(t: ProtoTemplate, nowMs: number): Buffer {
  const body = Buffer.from(t.body)
  const now = BigInt(nowMs) * 1_000_000n
  for (let j = 0; j < t.timeOffsets.length; j++) body.writeBigUInt64LE(now - t.ageNs[j]!, t.timeOffsets[j]!)
  return body
}

export interface SendResult {
  status: number
  ms: number
  logs: number
  text: string
}

export async function sendProtobuf(url: string, token: string, body: Buffer, logs: number): Promise<SendResult> {
  const a = await send('POST', `${url}/v1/logs`, body, { 'content-type': 'application/x-protobuf', authorization: `Bearer ${token}` })
  return { status: a.status, ms: a.ms, logs, text: a.status === 200 ? '' : a.text.slice(0, 300) }
}

export interface IngestRun {
  /** Logs in batches that were answered 200. */
  ackedLogs: number
  ackedBatches: number
  failedBatches: number
  /** The first few non-200 answers. */
  failures: string[]
  seconds: number
  /** Acknowledged logs per second over the run. */
  rate: number
  latencies: number[]
  /** When each acknowledged batch was answered (ms since the run started) and its size. */
  timeline: [number, number][]
  /** performance.now() at the start. */
  started: number
}

/**
 * Acknowledged logs per second in consecutive windows of `windowS` seconds (the last, partial
 * window left out). Windows span several batches, so a rate is not 0 just because no answer
 * happened to land in one second.
 */
export function windowRates(run: IngestRun, windowS = 3): number[] {
  const n = Math.floor(run.seconds / windowS)
  const buckets = new Array<number>(n).fill(0)
  for (const [ms, logs] of run.timeline) {
    const w = Math.floor(ms / 1000 / windowS)
    if (w < n) buckets[w]! += logs
  }
  return buckets.map((b) => b / windowS)
}

/** Runs measured one after another, as one run of their summed length (timelines end to end). */
export function mergeRuns(runs: readonly IngestRun[]): IngestRun {
  const merged: IngestRun = { ackedLogs: 0, ackedBatches: 0, failedBatches: 0, failures: [], seconds: 0, rate: 0, latencies: [], timeline: [], started: runs[0]?.started ?? 0 }
  for (const r of runs) {
    const offsetMs = merged.seconds * 1000
    for (const [ms, logs] of r.timeline) merged.timeline.push([offsetMs + ms, logs])
    merged.ackedLogs += r.ackedLogs
    merged.ackedBatches += r.ackedBatches
    merged.failedBatches += r.failedBatches
    merged.failures.push(...r.failures.slice(0, Math.max(0, 5 - merged.failures.length)))
    merged.latencies.push(...r.latencies)
    merged.seconds += r.seconds
  }
  merged.rate = merged.seconds > 0 ? merged.ackedLogs / merged.seconds : 0
  return merged
}

/**
 * Sends as fast as the server acknowledges, from `senders` concurrent loops, for `seconds`
 * (each loop waits for its answer before sending the next batch: closed-loop, like an exporter).
 */
export async function ingestFlat(url: string, token: string, templates: ProtoTemplate[], senders: number, seconds: number): Promise<IngestRun> {
  const started = performance.now()
  const run: IngestRun = { ackedLogs: 0, ackedBatches: 0, failedBatches: 0, failures: [], seconds: 0, rate: 0, latencies: [], timeline: [], started }
  const until = started + seconds * 1000
  let k = 0
  const loop = async () => {
    while (performance.now() < until) {
      const t = templates[k++ % templates.length]!
      const r = await sendProtobuf(url, token, stamp(t, Date.now()), t.logs).catch((e: Error) => ({ status: 0, ms: 0, logs: t.logs, text: e.message }))
      record(run, r)
    }
  }
  await Promise.all(Array.from({ length: senders }, loop))
  run.seconds = (performance.now() - started) / 1000
  run.rate = run.ackedLogs / run.seconds
  return run
}

/**
 * A steady rate: one batch every `logs / ratePerSecond` seconds, whatever the answers do (open
 * loop, so a slow server shows as a missed rate, not as a lower send rate). At most `maxInFlight`
 * batches wait for answers; past that a batch is late, and the run says so.
 */
export async function ingestSteady(
  url: string,
  token: string,
  templates: ProtoTemplate[],
  ratePerSecond: number,
  seconds: number,
  maxInFlight = 16,
): Promise<IngestRun & { target: number; sentBatches: number; spanRate: number; lagSlope: number; maxLagMs: number }> {
  const perBatch = templates[0]!.logs
  const intervalMs = (perBatch / ratePerSecond) * 1000
  const started = performance.now()
  const run = {
    ackedLogs: 0, ackedBatches: 0, failedBatches: 0, failures: [] as string[], seconds: 0, rate: 0, latencies: [] as number[],
    timeline: [] as [number, number][], started, target: ratePerSecond, sentBatches: 0, spanRate: 0, lagSlope: 0, maxLagMs: 0,
  }
  /** Per acknowledged batch: when it was due (ms since start) and how long after that it was acknowledged. */
  const lags: [number, number][] = []
  const total = Math.floor((seconds * 1000) / intervalMs)
  const inFlight = new Set<Promise<void>>()
  for (let i = 0; i < total; i++) {
    const due = started + i * intervalMs
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight)
    const t = templates[i % templates.length]!
    run.sentBatches++
    const p: Promise<void> = sendProtobuf(url, token, stamp(t, Date.now()), t.logs)
      .catch((e: Error) => ({ status: 0, ms: 0, logs: t.logs, text: e.message }))
      .then((r) => {
        record(run, r)
        if (r.status === 200) lags.push([due - started, performance.now() - due])
      })
      .finally(() => inFlight.delete(p))
    inFlight.add(p)
  }
  await Promise.all(inFlight)
  run.seconds = (performance.now() - started) / 1000
  // Acknowledged logs over the span in which acknowledgements arrived (plus one interval): what a
  // naive meter shows; answers come in clusters (one per flush), so over a few seconds it reads low.
  const acks = run.timeline.map(([ms]) => ms)
  const span = acks.length ? Math.max(...acks) - Math.min(...acks) + intervalMs : run.seconds * 1000
  run.spanRate = run.ackedLogs / (span / 1000)
  // Sustained rate: if the server keeps up, the lag of each batch behind its schedule stays level; if
  // it falls behind, the lag grows by (1 / served share − 1) per second. Least-squares slope of lag over time.
  const n = lags.length
  if (n >= 2) {
    const mx = lags.reduce((a, [x]) => a + x, 0) / n
    const my = lags.reduce((a, [, y]) => a + y, 0) / n
    const sxx = lags.reduce((a, [x]) => a + (x - mx) ** 2, 0)
    const sxy = lags.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0)
    run.lagSlope = sxx === 0 ? 0 : sxy / sxx
  }
  run.maxLagMs = Math.max(0, ...lags.map(([, y]) => y))
  run.rate = n === 0 ? 0 : Math.min(ratePerSecond, ratePerSecond / (1 + Math.max(0, run.lagSlope))) * (run.ackedBatches / Math.max(1, run.sentBatches))
  return run
}

function record(run: IngestRun, r: SendResult) {
  if (r.status === 200) {
    run.ackedLogs += r.logs
    run.ackedBatches++
    run.latencies.push(r.ms)
    run.timeline.push([performance.now() - run.started, r.logs])
  } else {
    run.failedBatches++
    if (run.failures.length < 5) run.failures.push(`${r.status} ${r.text}`)
  }
}
