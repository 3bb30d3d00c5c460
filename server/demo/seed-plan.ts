import { defaultBursts, generateExportProto, prng } from './generator'
import { OtlpLogsWriter } from './otlp-writer'

const DAY_MS = 86_400_000
/** The demo's PRNG seed: the same seed (and `nowMs`) makes the same demo. */
const DEMO_SEED = 20261126
/**
 * Logs per export request of the seed (about: a request ends with its last request's logs).
 * Measured on 2 cores, 2 M logs: 25,000 was ~8 % faster (the pipeline then always has a full
 * 50,000-row batch waiting and skips its 25 ms timer) but raised peak RSS from ~1.0 to ~1.3 GB.
 */
export const SLICE_LOGS = 10_000

export interface SeedSlice {
  fromMs: number
  toMs: number
  /** About how many logs it gets. */
  logs: number
}

/**
 * The seed's time slices over the 24 h before `nowMs`, oldest first, with about `rows` logs in all
 * on a daily curve: busiest in the afternoon, quietest at night.
 */
export function seedSlices(rows: number, nowMs: number, sliceLogs = SLICE_LOGS): SeedSlice[] {
  const slices = Math.max(1, Math.ceil(rows / sliceLogs))
  const sliceMs = DAY_MS / slices
  const fromMs = nowMs - DAY_MS
  const shape = (i: number) => 1 + 0.45 * Math.sin(((fromMs + i * sliceMs) / DAY_MS) * 2 * Math.PI - Math.PI / 2)
  const shapeSum = Array.from({ length: slices }, (_, i) => shape(i)).reduce((a, b) => a + b, 0)
  return Array.from({ length: slices }, (_, i) => ({
    fromMs: fromMs + i * sliceMs,
    toMs: fromMs + (i + 1) * sliceMs,
    logs: Math.max(1, Math.round((rows * shape(i)) / shapeSum)),
  }))
}

/**
 * The seed's OTLP protobuf export requests, oldest slice first, each with its log count. One PRNG
 * runs through all of them in order, so the sequence is deterministic for (rows, nowMs, sliceLogs).
 */
export function* seedPayloads(rows: number, nowMs: number, sliceLogs = SLICE_LOGS): Generator<{ payload: Buffer; count: number }> {
  const r = prng(DEMO_SEED)
  const bursts = defaultBursts(nowMs)
  const writer = new OtlpLogsWriter()
  for (const s of seedSlices(rows, nowMs, sliceLogs)) yield generateExportProto(r, s.fromMs, s.toMs, s.logs, bursts, writer)
}
