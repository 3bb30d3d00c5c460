/**
 * An ingest decoding thread (started by DecodePool in decode-pool.ts): OTLP payload in, the
 * writer's input out — decoded, decided by the rules, packed (prepare.ts). The main thread keeps
 * only the DuckDB calls. Rule sets arrive as messages, in order with the payloads, so a payload
 * posted after a rule change is decided by the new set.
 */
import { randomUUID } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import { compileRulesAt } from '../rules/engine'
import { decodeOtlpLogs, OtlpDecodeError } from './otlp'
import { prepareIngest, type EnvRules } from './prepare'
import type { DecodeRequest, DecodeWorkerData, DecodeWorkerMessage, WorkerReply, RulesMessage } from './decode-pool'

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
    const records = decodeOtlpLogs(Buffer.from(body), encoding, { nowUs: nowMs * 1000, newUuid: randomUUID })
    const batch = prepareIngest(columns, envId, records, nowMs, envs.get(envId))
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
