/**
 * Worker threads that decode OTLP payloads and prepare them for the writer (decode-worker.ts), so
 * the per-log work — protobuf/JSON decoding, the rules, packing columns for DuckDB — runs beside the
 * main thread instead of on it. The main thread's part of a request is then its HTTP handling and
 * the writer's DuckDB calls (store/ingest-writes.ts).
 *
 * The `size` workers start with the first payload (a server that never ingests starts none); each
 * payload goes to the worker with the fewest in flight. A worker gets every environment's rule set
 * when it starts and each new one as it is compiled (RulesRuntime.onChange): messages to a worker
 * are handled in order, so a payload posted after a change is decided by the new set. Rate-limit
 * buckets are shared memory (engine.ts BucketStore), so all workers draw from one bucket per rule.
 * A worker that dies fails only the payloads it held; the next payload starts a fresh one.
 */
import { Worker } from 'node:worker_threads'
import type { Rule } from '../../src/contract/rules'
import type { BucketPlacement } from '../rules/engine'
import { OtlpDecodeError, type OtlpEncoding } from './otlp'
import type { PreparedBatch } from '../store/ingest-writes'
import type { EnvRules } from './prepare'

export interface RulesMessage {
  type: 'rules'
  envId: number
  /** The enabled rules, in evaluation order. */
  rules: readonly Rule[]
  ruleSet: number
  placement: BucketPlacement
}
export interface DecodeRequest {
  type: 'decode'
  id: number
  envId: number
  /** The payload (already inflated), moved to the worker. */
  body: ArrayBuffer
  encoding: OtlpEncoding
  nowMs: number
}
export type DecodeWorkerMessage = RulesMessage | DecodeRequest
export interface DecodeWorkerData {
  /** The logs table's columns, in order. */
  columns: readonly string[]
  rules: RulesMessage[]
}
export type WorkerReply =
  | { type: 'prepared'; id: number; batch: PreparedBatch }
  | { type: 'malformed'; id: number; message: string; path: string | null }
  | { type: 'failed'; id: number; message: string }

interface Job {
  resolve: (batch: PreparedBatch) => void
  reject: (e: Error) => void
}

interface Thread {
  worker: Worker
  jobs: Map<number, Job>
  gone: boolean
}

/** `--cpu-prof` and its settings, when this process runs with them (`npm run bench -- --profile`): the workers are profiled too. */
function profilingFlags(): string[] {
  const flags: string[] = []
  const argv = process.execArgv
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    if (!flag.startsWith('--cpu-prof')) continue
    flags.push(flag)
    if (!flag.includes('=') && flag !== '--cpu-prof' && i + 1 < argv.length) flags.push(argv[++i]!)
  }
  return flags
}

function rulesMessage(envId: number, { compiled, ruleSet }: EnvRules): RulesMessage {
  return { type: 'rules', envId, rules: compiled.rules, ruleSet, placement: compiled.placement }
}

export class DecodePool {
  private threads: Thread[] = []
  private nextId = 1
  private closed = false

  /**
   * `columns`: the logs table's columns in order; `rules`: every environment's current set, read
   * when a worker starts (later sets arrive through rulesChanged).
   */
  constructor(
    readonly size: number,
    private readonly columns: () => Promise<readonly string[]>,
    private readonly rules: () => Iterable<[number, EnvRules]>,
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`A decode pool needs at least one worker, not ${size}.`)
  }

  /** Workers running now. */
  get workers(): number {
    return this.threads.length
  }

  /** Decodes and prepares one payload; rejects with OtlpDecodeError when it is malformed. */
  async decode(envId: number, body: Buffer, encoding: OtlpEncoding, nowMs: number): Promise<PreparedBatch> {
    if (this.closed) throw new Error('The decode pool is closed.')
    await this.ensureRunning()
    // From here to the post nothing awaits, so the next payload sees this one's job when it picks.
    const thread = this.leastBusy()
    const id = this.nextId++
    // A copy the worker owns: the request's buffer may be a slice of a shared pool.
    const copy = new Uint8Array(body.length)
    copy.set(body)
    return new Promise<PreparedBatch>((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject })
      const request: DecodeRequest = { type: 'decode', id, envId, body: copy.buffer, encoding, nowMs }
      thread.worker.postMessage(request, [copy.buffer])
    })
  }

  /** Sends an environment's new rule set to every running worker (RulesRuntime.onChange). */
  rulesChanged(envId: number, rules: EnvRules): void {
    const message = rulesMessage(envId, rules)
    for (const t of this.threads) if (!t.gone) t.worker.postMessage(message)
  }

  private starting: Promise<void> | null = null

  /** All `size` workers start together with the first payload, or after one died; resolves once one runs. */
  private async ensureRunning(): Promise<void> {
    if (this.threads.length >= this.size) return
    if (!this.starting) {
      this.starting = Promise.all(Array.from({ length: this.size - this.threads.length }, () => this.start())).then(
        () => void (this.starting = null),
        (e: Error) => {
          this.starting = null
          throw e
        },
      )
      // Payloads that found a worker running do not wait for the rest; a failed start fails the ones that do.
      this.starting.catch(() => undefined)
    }
    // A running worker takes the payload rather than waiting for the others.
    if (this.threads.length === 0) await this.starting
  }

  /** The worker with the fewest payloads in flight. */
  private leastBusy(): Thread {
    let best: Thread | null = null
    for (const t of this.threads) if (!best || t.jobs.size < best.jobs.size) best = t
    if (!best) throw new Error('No ingest decoding worker is running.')
    return best
  }

  private async start(): Promise<Thread> {
    const columns = await this.columns()
    // Read after the columns: nothing can change a set between this read and the worker's start.
    const rules = [...this.rules()].map(([envId, env]) => rulesMessage(envId, env))
    const data: DecodeWorkerData = { columns, rules }
    // Of this process's flags only a CPU profile's (`--import tsx` does not reach a worker's entry anyway, see decode-worker.mjs).
    const worker = new Worker(new URL('./decode-worker.mjs', import.meta.url), { workerData: data, execArgv: profilingFlags() })
    const thread: Thread = { worker, jobs: new Map(), gone: false }
    const lost = (why: string) => {
      if (thread.gone) return
      thread.gone = true
      this.threads = this.threads.filter((t) => t !== thread)
      const error = new Error(`An ingest decoding worker stopped (${why}).`)
      for (const job of thread.jobs.values()) job.reject(error)
      thread.jobs.clear()
    }
    worker.on('message', (m: WorkerReply) => {
      const job = thread.jobs.get(m.id)
      if (!job) return
      thread.jobs.delete(m.id)
      if (m.type === 'prepared') job.resolve(m.batch)
      else if (m.type === 'malformed') job.reject(new OtlpDecodeError(m.message, m.path))
      else job.reject(new Error(`Decoding a payload failed: ${m.message}`))
    })
    worker.on('error', (e) => lost(e.message))
    worker.on('exit', (code) => lost(`exit code ${code}`))
    if (this.closed) {
      await worker.terminate()
      throw new Error('The decode pool is closed.')
    }
    this.threads.push(thread)
    return thread
  }

  /** Stops the workers; payloads still in flight fail. Call once nothing more is decoded. */
  async close(): Promise<void> {
    this.closed = true
    await this.starting?.catch(() => undefined)
    const threads = this.threads
    this.threads = []
    await Promise.all(threads.map((t) => t.worker.terminate()))
  }
}
