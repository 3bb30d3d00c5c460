/**
 * An ingest decoding thread (started by DecodePool in decode-pool.ts): OTLP payload in, the
 * writer's input out — decoded, decided by the rules, packed (prepare.ts). The main thread keeps
 * only the DuckDB calls. Rule sets arrive as messages, in order with the payloads, so a payload
 * posted after a rule change is decided by the new set.
 */
import { randomUUID } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import { compileRulesAt } from '../rules/engine'
import { decodeOtlpSlices, OtlpDecodeError } from './otlp'
import { IngestPreparer, type EnvRules } from './prepare'
import type { DecodeRequest, DecodeWorkerData, DecodeWorkerMessage, WorkerReply, RulesMessage } from './decode-pool'

/**
 * A payload is decoded, decided and packed this many logs at a time, so its records die young:
 * each scavenge copies the records still alive, and those caught twice are promoted and marked
 * again later. Decode + prepare of the bench payloads (4,000 logs), separate processes alternated
 * 10 times: 0.77 × the CPU of whole payloads; 0.95 × even when whole payloads get twice V8's
 * default young generation (which this makes unneeded, and its memory with it).
 */
const SLICE_LOGS = 512

const port = parentPort
if (!port) throw new Error('decode-worker.ts runs as a worker thread (see DecodePool).')
const { columns, rules } = workerData as DecodeWorkerData
const envs = new Map<number, EnvRules>()

function setRules({ envId, rules, ruleSet, placement }: RulesMessage) {
  envs.set(envId, { compiled: compileRulesAt(rules, placement), ruleSet })
}
for (const m of rules) setRules(m)

function decode({ id, envId, body, encoding, nowMs }: DecodeRequest) {
  let reply: WorkerReply
  try {
    // The packed buffer's first size, from ~250 payload bytes per log (the bench's protobuf logs): it grows if short and is cut to size.
    const preparer = new IngestPreparer(columns, envId, nowMs, envs.get(envId), Math.ceil(body.byteLength / 256))
    try {
      decodeOtlpSlices(Buffer.from(body), encoding, { nowUs: nowMs * 1000, newUuid: randomUUID }, SLICE_LOGS, (records) => preparer.add(records))
    } catch (e) {
      preparer.abandon()
      throw e
    }
    const batch = preparer.finish()
    port!.postMessage({ type: 'prepared', id, batch } satisfies WorkerReply, batch.packed ? [batch.packed.buffer] : [])
    return
  } catch (e) {
    reply = e instanceof OtlpDecodeError
      ? { type: 'malformed', id, message: e.message, path: e.path }
      : { type: 'failed', id, message: (e as Error).stack ?? String(e) }
  }
  port!.postMessage(reply)
}

port.on('message', (m: DecodeWorkerMessage) => {
  if (m.type === 'rules') setRules(m)
  else decode(m)
})
