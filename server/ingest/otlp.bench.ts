/**
 * Decode throughput: `node --import tsx server/ingest/otlp.bench.ts`.
 *
 * Typical records (100-character body, 5 attributes, trace context) in batches of 1,000, written
 * by the real OpenTelemetry serializers, decoded over and over on one core. The batches differ in
 * their ids, paths and user ids, so no cache sees the same value twice in a row. Prints records/s
 * for the decoder alone (a constant uuid) and with crypto.randomUUID, as the server calls it.
 */
import { randomUUID } from 'node:crypto'
import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api'
import { SeverityNumber } from '@opentelemetry/api-logs'
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import { decodeOtlpLogs, type OtlpEncoding } from './otlp'

const BATCH = 1000
const BATCHES = 16
const SECONDS = 2

async function batch(n: number) {
  const exporter = new InMemoryLogRecordExporter()
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({
      'service.name': 'checkout',
      'service.version': '1.4.2',
      'host.name': 'web-7',
      'deployment.environment': 'production',
      'process.pid': 4242,
    }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  })
  const logger = provider.getLogger('http', '1.0.0')
  for (let i = 0; i < BATCH; i++) {
    const context = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: randomUUID().replaceAll('-', ''),
      spanId: randomUUID().replaceAll('-', '').slice(0, 16),
      traceFlags: TraceFlags.SAMPLED,
    })
    logger.emit({
      severityNumber: i % 10 === 0 ? SeverityNumber.ERROR : SeverityNumber.INFO,
      severityText: i % 10 === 0 ? 'ERROR' : 'INFO',
      body: `GET /api/users/${n * BATCH + i} completed with status 200 in 12ms for client 10.0.0.${i % 255} `.padEnd(100, '.'),
      context,
      attributes: {
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'url.path': `/api/users/${n * BATCH + i}`,
        'user.id': `u_${n * BATCH + i}`,
        'duration.ms': 12.5,
      },
    })
  }
  await provider.forceFlush()
  const logs = exporter.getFinishedLogRecords()
  return {
    protobuf: Buffer.from(ProtobufLogsSerializer.serializeRequest(logs)!),
    json: Buffer.from(JsonLogsSerializer.serializeRequest(logs)!),
  }
}

/** Records per second of wall time and per second of this process's CPU time (steadier on a busy machine). */
function measure(bodies: Buffer[], encoding: OtlpEncoding, newUuid: () => string): { wall: number; cpu: number } {
  const opts = { nowUs: Date.now() * 1000, newUuid }
  // Warm up so the optimising compiler has seen the code.
  for (let i = 0; i < 200; i++) decodeOtlpLogs(bodies[i % BATCHES]!, encoding, opts)
  let records = 0
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  let elapsed = 0
  for (let i = 0; elapsed < SECONDS * 1000; i++) {
    records += decodeOtlpLogs(bodies[i % BATCHES]!, encoding, opts).length
    elapsed = performance.now() - start
  }
  const cpu = process.cpuUsage(cpuStart)
  return { wall: records / (elapsed / 1000), cpu: records / ((cpu.user + cpu.system) / 1e6) }
}

const format = (rate: number) => Math.round(rate).toLocaleString('en-US').padStart(11)
const payloads = await Promise.all(Array.from({ length: BATCHES }, (_, n) => batch(n)))
for (const encoding of ['protobuf', 'json'] as const) {
  const bodies = payloads.map((p) => p[encoding])
  const kb = (bodies[0]!.length / 1024).toFixed(0)
  console.log(`${encoding} (batches of ${BATCH} records, ${kb} KiB each)`)
  for (const [label, newUuid] of [
    ['decoder only', () => 'uuid'],
    ['with randomUUID', randomUUID],
  ] as const) {
    const { wall, cpu } = measure(bodies, encoding, newUuid)
    console.log(`  ${label.padEnd(16)} ${format(wall)} records/s wall, ${format(cpu)} per CPU-second`)
  }
}
