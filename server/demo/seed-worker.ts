/**
 * The demo seed's generator thread (started by seedDemo in seed.ts): makes the seed's OTLP protobuf
 * requests in order and hands each one's bytes to the main thread, which decodes and writes them
 * exactly as it would a client's. At most `window` requests are out at a time: the main thread
 * sends a message for each one that is durable, which lets one more be made.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { seedPayloads } from './seed-plan'

export interface SeedWorkerData {
  rows: number
  nowMs: number
  sliceLogs: number
  window: number
}
export type SeedWorkerMessage = { type: 'slice'; payload: ArrayBuffer; count: number } | { type: 'end' }

const port = parentPort
if (!port) throw new Error('seed-worker.ts runs as a worker thread (see seedDemo).')
const { rows, nowMs, sliceLogs, window } = workerData as SeedWorkerData
const payloads = seedPayloads(rows, nowMs, sliceLogs)
let credits = window
let ended = false

function pump() {
  while (credits > 0 && !ended) {
    const next = payloads.next()
    if (next.done) {
      ended = true
      port!.postMessage({ type: 'end' } satisfies SeedWorkerMessage)
      return
    }
    credits--
    const { payload, count } = next.value
    // The writer gives each request an ArrayBuffer of its own: moved, not copied.
    const bytes = payload.buffer as ArrayBuffer
    port!.postMessage({ type: 'slice', payload: bytes, count } satisfies SeedWorkerMessage, [bytes])
  }
}

port.on('message', () => {
  credits++
  pump()
})
pump()
