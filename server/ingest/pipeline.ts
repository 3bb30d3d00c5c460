import type { LogRecord } from '../logs/record'
import type { Db } from '../store/db'
import type { LogBatch } from '../store/ingest-chunks'
import { writeBatch, type RuleDrop } from '../store/ingest-writes'

/** What the rules decided for one batch of one environment (see server/rules/runtime.ts). */
export interface RuleOutcome {
  kept: LogRecord[]
  drops: RuleDrop[]
  dropped: number
  /** The rule set that decided (store/rule-sets.ts), and per kept record the position of the rule that resolved it (absent: none did). */
  ruleSet: number
  resolvers?: Uint16Array
}
export interface RuleApplier {
  apply(envId: number, records: LogRecord[], nowMs: number): RuleOutcome
}

export class IngestOverloadedError extends Error {}

interface Pending {
  batch: LogBatch
  drops: RuleDrop[]
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
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = { maxBatchRows: 50_000, maxDelayMs: 25, maxQueuedRows: 1_000_000 }

/**
 * decode → rules → batch writer. Requests are grouped into one transaction per flush, and each
 * request's promise settles only when the transaction holding its rows has committed (durable) or
 * failed (nothing of it stored). One flush runs at a time on the ingest connection; requests that
 * arrive meanwhile form the next batch, so the JS thread decodes while DuckDB writes.
 */
export class IngestPipeline {
  private queue: Pending[] = []
  private queuedRows = 0
  private timer: NodeJS.Timeout | null = null
  private flushing: Promise<void> | null = null
  private closed = false
  /** Totals since start, for start-up logs and benchmarks. */
  readonly stats = { accepted: 0, dropped: 0, batches: 0 }

  constructor(
    private readonly db: Db,
    private readonly rules: RuleApplier,
    private readonly opts: PipelineOptions = DEFAULT_PIPELINE_OPTIONS,
  ) {}

  /** Resolves once the records that the rules kept are durable. */
  async ingest(envId: number, records: LogRecord[], nowMs = Date.now()): Promise<{ accepted: number; dropped: number }> {
    if (this.closed) throw new IngestOverloadedError('The server is shutting down.')
    if (this.queuedRows + records.length > this.opts.maxQueuedRows) {
      throw new IngestOverloadedError('Ingestion is behind; retry shortly.')
    }
    const outcome = this.rules.apply(envId, records, nowMs)
    if (outcome.kept.length === 0 && outcome.drops.length === 0) return { accepted: 0, dropped: outcome.dropped }
    await new Promise<void>((resolve, reject) => {
      const batch = { envId, records: outcome.kept, ruleSet: outcome.ruleSet, resolvers: outcome.resolvers }
      this.queue.push({ batch, drops: outcome.drops, resolve, reject })
      this.queuedRows += outcome.kept.length
      this.schedule()
    })
    this.stats.accepted += outcome.kept.length
    this.stats.dropped += outcome.dropped
    return { accepted: outcome.kept.length, dropped: outcome.dropped }
  }

  private schedule() {
    if (this.flushing) return
    if (this.queuedRows >= this.opts.maxBatchRows) {
      this.startFlush()
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.startFlush(), this.opts.maxDelayMs)
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
    })
  }

  private async flush(items: Pending[]) {
    this.stats.batches++
    try {
      await writeBatch(
        this.db,
        items.map((i) => i.batch),
        items.flatMap((i) => i.drops),
      )
      for (const i of items) i.resolve()
    } catch (e) {
      for (const i of items) i.reject(e as Error)
    }
  }

  /** Stops taking requests and waits for everything queued to be written. */
  async close() {
    this.closed = true
    while (this.flushing || this.queue.length) {
      if (!this.flushing) this.startFlush()
      await this.flushing
    }
  }
}
