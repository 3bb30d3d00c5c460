import type { AppContext } from '../context'
import { ingestPayload } from '../http/routes/ingest'
import { defaultBursts, generateExport, prng } from './generator'

const DAY_MS = 86_400_000
const SLICE_LOGS = 10_000
const IN_FLIGHT = 3

/** Whether the store has any log at all (demo data is seeded only into an empty store). */
export async function storeIsEmpty(app: AppContext): Promise<boolean> {
  const row = await app.db.one('SELECT count(*) AS n FROM (SELECT 1 FROM logs LIMIT 1)')
  return (row?.n as number) === 0
}

/**
 * Seeds about `rows` logs over the last 24 h into environment 1, oldest first (so the table stays in
 * time order), through the same decode → rules → writer path as OTLP clients. Traffic follows a
 * daily curve: busiest in the afternoon, quietest at night.
 */
export async function seedDemo(app: AppContext, rows: number, onProgress: (done: number, total: number) => void, nowMs = Date.now()) {
  const r = prng(20261126)
  const bursts = defaultBursts(nowMs)
  const slices = Math.max(1, Math.ceil(rows / SLICE_LOGS))
  const sliceMs = DAY_MS / slices
  const fromMs = nowMs - DAY_MS
  const shape = (i: number) => 1 + 0.45 * Math.sin(((fromMs + i * sliceMs) / DAY_MS) * 2 * Math.PI - Math.PI / 2)
  const shapeSum = Array.from({ length: slices }, (_, i) => shape(i)).reduce((a, b) => a + b, 0)
  let done = 0
  let next = 0
  const worker = async () => {
    while (next < slices) {
      const i = next++
      const want = Math.max(1, Math.round((rows * shape(i)) / shapeSum))
      const { payload, count } = generateExport(r, fromMs + i * sliceMs, fromMs + (i + 1) * sliceMs, want, bursts)
      await ingestPayload(app, 1, Buffer.from(JSON.stringify(payload)), 'json')
      done += count
      onProgress(done, rows)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return done
}

/** A gentle live trickle after seeding, so the dashboard moves. Returns a stop function. */
export function startTrickle(app: AppContext, perSecond: number, onError: (e: Error) => void): () => void {
  const r = prng(Date.now() & 0xffffffff)
  let last = Date.now()
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    const now = Date.now()
    const { payload } = generateExport(r, last, now, Math.max(1, Math.round((perSecond * (now - last)) / 1000)), defaultBursts(now))
    last = now
    busy = true
    ingestPayload(app, 1, Buffer.from(JSON.stringify(payload)), 'json')
      .catch(onError)
      .finally(() => (busy = false))
  }, 1000)
  timer.unref()
  return () => clearInterval(timer)
}
