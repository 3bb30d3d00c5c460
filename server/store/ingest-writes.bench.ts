/**
 * Ingest write cost: `node --import tsx server/store/ingest-writes.bench.ts [seconds] [flushRows]`.
 *
 * The bench's realistic protobuf export requests (bench/lib/otlp.ts) decoded as the server does,
 * then written by `writeBatch` in flushes of `flushRows` logs (default 12,000: three senders'
 * requests, as the pipeline groups them) into a fresh store. Prints CPU milliseconds per 1,000
 * logs for decoding and for writing — process CPU, so DuckDB's own threads count too — and the
 * rate. CPU time, not wall time, is the figure to compare on a shared machine.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildTemplates, stamp } from '../../bench/lib/otlp'
import { decodeOtlpLogs } from '../ingest/otlp'
import type { LogRecord } from '../logs/record'
import { Db } from './db'
import { writeBatch } from './ingest-writes'

const seconds = Number(process.argv[2] ?? 10)
const flushRows = Number(process.argv[3] ?? 12_000)

const templates = await buildTemplates(8, 4000)
const dir = mkdtempSync(join(tmpdir(), 'logdeck-write-bench-'))
const db = await Db.open({ dataDir: dir, memoryLimit: '1GB' })
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

let decodeCpu = 0
let writeCpu = 0
let logs = 0
let flushes = 0
const started = performance.now()
let k = 0
try {
  for (let warm = true; ; ) {
    const records: LogRecord[] = []
    const c0 = cpuMs()
    while (records.length < flushRows) {
      const body = stamp(templates[k++ % templates.length]!, Date.now())
      for (const r of decodeOtlpLogs(body, 'protobuf', { nowUs: Date.now() * 1000, newUuid: randomUUID })) records.push(r)
    }
    const c1 = cpuMs()
    await writeBatch(db, [{ envId: 1, records }], [])
    const c2 = cpuMs()
    if (warm) {
      // The first flushes compile the code and create the table's first row groups.
      if (performance.now() - started > 2000) warm = false
      continue
    }
    decodeCpu += c1 - c0
    writeCpu += c2 - c1
    logs += records.length
    flushes++
    if (performance.now() - started > (seconds + 2) * 1000) break
  }
  const wallS = (performance.now() - started) / 1000 - 2
  const per1000 = (ms: number) => ((ms / logs) * 1000).toFixed(1)
  console.log(
    `${logs.toLocaleString('en-US')} logs in ${flushes} flushes of ~${flushRows}: decode ${per1000(decodeCpu)} ms CPU per 1,000 logs, ` +
      `write ${per1000(writeCpu)} ms, ${Math.round(logs / wallS).toLocaleString('en-US')} logs/s wall`,
  )
  const c3 = cpuMs()
  await db.all('CHECKPOINT')
  console.log(`final CHECKPOINT (what the run left in the WAL): ${per1000(cpuMs() - c3)} ms CPU per 1,000 logs written`)
  const [count] = await db.all('SELECT count(*) AS n FROM logs')
  console.log(`store holds ${count!.n} logs`)
} finally {
  db.close()
  rmSync(dir, { recursive: true, force: true })
}
