import { Worker } from 'node:worker_threads'
import type { AppContext } from '../context'
import { ingestPayload } from '../http/routes/ingest'
import { defaultBursts, generateExportProto, prng } from './generator'
import { OtlpLogsWriter } from './otlp-writer'
import { SLICE_LOGS } from './seed-plan'
import type { SeedWorkerData, SeedWorkerMessage } from './seed-worker'

/**
 * Requests made but not yet durable: enough to keep the generator, the decoder and DuckDB busy at
 * once (about 40,000 decoded logs at most, see SLICE_LOGS).
 */
const WINDOW = 4

/** Whether the store has any log at all (demo data is seeded only into an empty store). */
export async function storeIsEmpty(app: AppContext): Promise<boolean> {
  const row = await app.db.one('SELECT count(*) AS n FROM (SELECT 1 FROM logs LIMIT 1)')
  return (row?.n as number) === 0
}

/**
 * Seeds about `rows` logs over the last 24 h into environment 1 (see seedSlices), oldest first (so
 * the table stays in time order), through the same decode → rules → writer path as OTLP clients.
 *
 * A worker thread (seed-worker.ts) generates the requests as OTLP protobuf, so this thread only
 * decodes and writes; they arrive in order and are handed to the pipeline in that order, which
 * writes them in that order. The worker's entry (seed-worker.mjs) loads its TypeScript through tsx.
 */
export async function seedDemo(app: AppContext, rows: number, onProgress: (done: number, total: number) => void, nowMs = Date.now(), sliceLogs = SLICE_LOGS) {
  const workerData: SeedWorkerData = { rows, nowMs, sliceLogs, window: WINDOW }
  // No execArgv of this process (`--import tsx` does not reach a worker's entry anyway, see seed-worker.mjs).
  const worker = new Worker(new URL('./seed-worker.mjs', import.meta.url), { workerData, execArgv: [] })
  try {
    return await new Promise<number>((resolve, reject) => {
      let done = 0
      let writing = 0
      let ended = false
      let failed = false
      const fail = (e: Error) => {
        failed = true
        reject(e)
      }
      worker.on('message', (m: SeedWorkerMessage) => {
        if (failed) return
        if (m.type === 'end') {
          ended = true
          if (writing === 0) resolve(done)
          return
        }
        writing++
        // Decoded and queued for the writer now, in arrival order (so written in that order); durable when this resolves.
        ingestPayload(app, 1, Buffer.from(m.payload), 'protobuf').then(() => {
          if (failed) return
          writing--
          done += m.count
          onProgress(done, rows)
          if (ended && writing === 0) resolve(done)
          else worker.postMessage('next')
        }).catch(fail)
      })
      worker.on('error', fail)
      worker.on('exit', (code) => fail(new Error(`The demo seed's generator stopped (exit code ${code}) before it finished.`)))
    })
  } finally {
    await worker.terminate()
  }
}

/** A gentle live trickle after seeding, so the dashboard moves. Returns a stop function. */
export function startTrickle(app: AppContext, perSecond: number, onError: (e: Error) => void): () => void {
  const r = prng(Date.now() & 0xffffffff)
  const writer = new OtlpLogsWriter()
  let last = Date.now()
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    const now = Date.now()
    const { payload } = generateExportProto(r, last, now, Math.max(1, Math.round((perSecond * (now - last)) / 1000)), defaultBursts(now), writer)
    last = now
    busy = true
    ingestPayload(app, 1, payload, 'protobuf')
      .catch(onError)
      .finally(() => (busy = false))
  }, 1000)
  timer.unref()
  return () => clearInterval(timer)
}
