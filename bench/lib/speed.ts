/**
 * How fast this machine is right now, in the server's own per-log work: decoding the bench's
 * protobuf payloads and packing their rows for DuckDB, on one thread, in ms of CPU per 1,000 logs.
 * The machine this runs on is shared; the same code measured 9.3 ms here one hour and 15 the next.
 * Printed with the ingest figures (before and after), so runs can be compared for what changed in
 * the code rather than in the machine.
 */
import { randomUUID } from 'node:crypto'
import { decodeOtlpLogs } from '../../server/ingest/otlp'
import { prepareIngest } from '../../server/ingest/prepare'
import { PACKED_COLUMNS } from '../../server/store/ingest-chunks'
import { stamp, type ProtoTemplate } from './otlp'

export function speedProbe(templates: readonly ProtoTemplate[], seconds = 3): number {
  const cpuMs = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  let logs = 0
  let cpu = 0
  const until = performance.now() + seconds * 1000
  for (let k = 0; performance.now() < until; k++) {
    const body = stamp(templates[k % templates.length]!, Date.now())
    const c0 = cpuMs()
    const records = decodeOtlpLogs(body, 'protobuf', { nowUs: Date.now() * 1000, newUuid: randomUUID })
    prepareIngest(PACKED_COLUMNS, 1, records, Date.now(), undefined)
    cpu += cpuMs() - c0
    // The first payloads warm the JIT up.
    if (k < 4) cpu = 0
    else logs += records.length
  }
  return (cpu / Math.max(1, logs)) * 1000
}
