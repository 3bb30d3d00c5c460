import { randomUUID } from 'node:crypto'
import type { LogRecord } from '../logs/record'
import type { Db } from '../store/db'
import { foldDeltas, foldDue } from '../store/deltas'
import { logColumns, writePrepared, type PreparedBatch, type RuleDrop } from '../store/ingest-writes'
import { DecodePool } from './decode-pool'
import { decodeOtlpLogs, type OtlpEncoding } from './otlp'
import { prepareIngest, type EnvRules } from './prepare'

/** Where the pipeline reads each environment's current rules (rules/runtime.ts). */
export interface RuleSource {
  current(envId: number): EnvRules | undefined
  all(): [number, EnvRules][]
  /** Calls `listener` after every switch to a newly compiled set. */
  onChange(listener: (envId: number, rules: EnvRules) => void): void
}

export class IngestOverloadedError extends Error {}

/** What became of a request's logs: stored, dropped by the rules, and the drops per rule. */
export interface IngestResult {
  accepted: number
  dropped: number
  drops: RuleDrop[]
}

interface Pending {
  batch: PreparedBatch
  resolve: () => void
  reject: (e: Error) => void
}

export interface PipelineOptions {
  /** Flush once this many rows wait… */
  maxBatchRows: number
  /** …or once the oldest waiting row has waited this long. */
  maxDelayMs: number
  /** Past this many waiting rows new requests are refused (503), so memory stays bounded. */
  maxQueuedRows: number
  /** Worker threads decoding payloads (decode-pool.ts); 0 decodes on the main thread. */
  decodeWorkers: number
  /** Past this many payloads being decoded new requests are refused (503). */
  maxDecoding: number
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = { maxBatchRows: 50_000, maxDelayMs: 25, maxQueuedRows: 1_000_000, decodeWorkers: 2, maxDecoding: 256 }

/**
 * decode → rules → batch writer. Payloads are decoded, decided and packed on worker threads
 * (decode-pool.ts) and queued in the order they arrived. Queued requests are grouped into one
 * transaction per flush, and each request's promise settles only when the transaction holding its
 * rows has committed (durable) or failed (nothing of it stored). One flush runs at a time on the
 * ingest connection; requests that arrive meanwhile form the next batch.
 */
export class IngestPipeline {
  private queue: Pending[] = []
  private queuedRows = 0
  private timer: NodeJS.Timeout | null = null
  /** When the oldest request now in the queue was queued (performance.now()). */
  private oldestQueuedAt = 0
  private flushing: Promise<void> | null = null
  private folding: Promise<void> | null = null
  private closed = false
  private readonly pool: DecodePool | null
  private decoding = 0
  /** Settles when the payload before the latest has been queued: payloads are queued in arrival order. */
  private lastTurn: Promise<unknown> = Promise.resolve()
  /** Totals since start, for start-up logs and benchmarks. */
  readonly stats = { accepted: 0, dropped: 0, batches: 0 }

  constructor(
    private readonly db: Db,
    private readonly rules: RuleSource,
    private readonly opts: PipelineOptions = DEFAULT_PIPELINE_OPTIONS,
  ) {
    this.pool = opts.decodeWorkers > 0 ? new DecodePool(opts.decodeWorkers, () => logColumns(db), () => rules.all()) : null
    if (this.pool) rules.onChange((envId, env) => this.pool?.rulesChanged(envId, env))
  }

  /** Decoding workers running now (they start with the first payloads). */
  get decodeWorkers(): number {
    return this.pool?.workers ?? 0
  }

  /**
   * One OTLP payload (already inflated): decoded and decided, then durable. Rejects with
   * OtlpDecodeError (nothing of it stored) when it is malformed.
   */
  async ingestPayload(envId: number, body: Buffer, encoding: OtlpEncoding, nowMs = Date.now()): Promise<IngestResult> {
    this.admit(0)
    if (this.decoding >= this.opts.maxDecoding) throw new IngestOverloadedError('Ingestion is behind; retry shortly.')
    this.decoding++
    let decoded: Promise<PreparedBatch>
    try {
      decoded = this.pool
        ? this.pool.decode(envId, body, encoding, nowMs)
        : this.prepareHere(envId, decodeOtlpLogs(body, encoding, { nowUs: nowMs * 1000, newUuid: randomUUID }), nowMs)
    } catch (e) {
      this.decoding--
      throw e
    }
    decoded.then(
      () => this.decoding--,
      () => this.decoding--,
    )
    // Queued in arrival order whatever order the workers finish in, so rows are stored in the order they came.
    const queued = this.lastTurn.then(() => decoded).then((batch) => ({ batch, durable: this.enqueue(batch) }))
    this.lastTurn = queued.catch(() => undefined)
    const { batch, durable } = await queued
    await durable
    return this.count(batch)
  }

  /** Decoded records (tests, and anything that has LogRecords already): decided and prepared on this thread. Resolves once durable. */
  async ingest(envId: number, records: LogRecord[], nowMs = Date.now()): Promise<IngestResult> {
    this.admit(records.length)
    const batch = await this.prepareHere(envId, records, nowMs)
    await this.enqueue(batch)
    return this.count(batch)
  }

  private async prepareHere(envId: number, records: LogRecord[], nowMs: number): Promise<PreparedBatch> {
    // The rules are read before the columns' await, as a worker would have them when the payload arrived.
    const rules = this.rules.current(envId)
    return prepareIngest(await logColumns(this.db), envId, records, nowMs, rules)
  }

  private admit(rows: number) {
    if (this.closed) throw new IngestOverloadedError('The server is shutting down.')
    if (this.queuedRows + rows > this.opts.maxQueuedRows) throw new IngestOverloadedError('Ingestion is behind; retry shortly.')
  }

  private count(batch: PreparedBatch): IngestResult {
    const dropped = batch.drops.reduce((n, d) => n + d.logs, 0)
    this.stats.accepted += batch.logs
    this.stats.dropped += dropped
    return { accepted: batch.logs, dropped, drops: batch.drops }
  }

  /** Queues a prepared batch now; the promise settles when it is durable. */
  private enqueue(batch: PreparedBatch): Promise<void> {
    if (batch.logs === 0 && batch.drops.length === 0) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      if (this.queue.length === 0) this.oldestQueuedAt = performance.now()
      this.queue.push({ batch, resolve, reject })
      this.queuedRows += batch.logs
      this.schedule()
    })
  }

  private schedule() {
    if (this.flushing) return
    // The oldest waiting request may have waited through a whole flush already: its delay counts from when it was queued.
    const wait = this.oldestQueuedAt + this.opts.maxDelayMs - performance.now()
    if (this.queuedRows >= this.opts.maxBatchRows || wait <= 0) {
      this.startFlush()
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.startFlush(), wait)
    }
  }

  private startFlush() {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.flushing || this.queue.length === 0) return
    const items = this.queue
    this.queue = []
    this.queuedRows = 0
    this.flushing = this.flush(items).finally(() => {
      this.flushing = null
      if (this.queue.length) this.schedule()
      if (!this.folding && foldDue(this.db)) this.fold()
    })
  }

  /** Folds the counters' delta rows (store/deltas.ts) on the write connection, beside the flushes. */
  private fold(): Promise<void> {
    this.folding = foldDeltas(this.db)
      .catch((e: Error) => console.error(`logdeck: folding the rollup and catalog counters failed (they stay correct, and are retried): ${e.message}`))
      .finally(() => (this.folding = null))
    return this.folding
  }

  private async flush(items: Pending[]) {
    this.stats.batches++
    try {
      await writePrepared(
        this.db,
        items.map((i) => i.batch),
      )
      for (const i of items) i.resolve()
    } catch (e) {
      for (const i of items) i.reject(e as Error)
    }
  }

  /** Stops taking requests, waits for everything queued to be written, and stops the decoding workers. */
  async close() {
    this.closed = true
    await this.lastTurn
    while (this.flushing || this.queue.length) {
      if (!this.flushing) this.startFlush()
      await this.flushing
    }
    await this.folding
    await this.fold()
    await this.pool?.close()
  }
}
