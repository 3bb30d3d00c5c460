/**
 * OTLP ingest rate (protobuf batches from concurrent senders, closed loop) into copies of the
 * benchmark store, with no rules and with 20 enabled rules in turns, and the servers' RSS meanwhile.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_MEMORY_LIMIT } from '../../server/config'
import { copyStore } from './api-figures'
import { startChildServer, waitForRetag, type ChildServer } from './child'
import { api } from './http'
import { buildTemplates, ingestFlat, mergeRuns, windowRates, type IngestRun, type ProtoTemplate } from './otlp'
import { hotSpots, largestProfile } from './profile'
import { speedProbe } from './speed'
import { median, p95, quantile, type Figure } from './report'
import { createRules, deleteAllRules, rulesApiAvailable, TWENTY_INGEST_RULES } from './rules'

const GiB = 2 ** 30
const MiB = 2 ** 20

export interface IngestOptions {
  store: string
  workDir: string
  seconds: number
  senders: number
  batchLogs: number
  log: (s: string) => void
  /** Write CPU profiles of the server's threads (node --cpu-prof) here and summarise the main thread's and the busiest worker's. */
  profileDir?: string
}

/** Samples the child's VmRSS every 250 ms until stopped. */
function sampleRss(server: ChildServer) {
  const samples: number[] = []
  const timer = setInterval(() => {
    const m = server.memory()
    if (m) samples.push(m.rss)
  }, 250)
  return { samples, stop: () => clearInterval(timer) }
}

function rateFigure(id: string, label: string, run: IngestRun, target: string, judgedBy: string, pass: boolean | null, note: string): Figure {
  const perSecond = windowRates(run, 3)
  return {
    id,
    group: 'ingest',
    label,
    unit: 'logs/s',
    median: median(perSecond),
    // For a rate the slow tail is what matters: the 5th percentile of per-second rates.
    p95: quantile(perSecond, 0.05),
    samples: perSecond.length,
    target,
    judgedBy,
    pass,
    note,
    extra: {
      meanRate: run.rate,
      ackedLogs: run.ackedLogs,
      ackedBatches: run.ackedBatches,
      failedBatches: run.failedBatches,
      failures: run.failures,
      seconds: run.seconds,
      batchLatencyP50: median(run.latencies),
      batchLatencyP95: p95(run.latencies),
    },
  }
}

/** A CPU profile of the server's main thread, or of its busiest worker (a decoding worker). */
export type IngestProfile = ReturnType<typeof hotSpots> & { thread: 'main' | 'worker'; file: string }

/** Measured windows per phase: the phases take turns, so drift (load, checkpoints) falls on both. */
const INGEST_ROUNDS = 3

/** One phase's server: started on its own copy of the store, its RSS sampled until it stops. */
interface PhaseServer {
  rules: boolean
  server: ChildServer
  rss: ReturnType<typeof sampleRss>
  /** Peak RSS from start to the end of the warm-up (for the 20-rule server: the re-evaluation of the stored logs). */
  setupPeak: number
  windows: { run: IngestRun; cpuMs: number; dropped: number }[]
}

export async function ingestFigures(opts: IngestOptions): Promise<{ figures: Figure[]; profiles?: IngestProfile[] }> {
  const { log } = opts
  log(`  encoding ${8} protobuf export requests of ~${opts.batchLogs.toLocaleString('en-US')} logs with the OpenTelemetry serializer…`)
  const templates: ProtoTemplate[] = await buildTemplates(8, opts.batchLogs)
  const kb = templates[0]!.body.length / 1024
  const speedBefore = speedProbe(templates)
  log(`  machine speed: decoding and packing on one thread takes ${speedBefore.toFixed(1)} ms CPU per 1,000 logs now`)
  if (opts.profileDir) {
    rmSync(opts.profileDir, { recursive: true, force: true })
    mkdirSync(opts.profileDir, { recursive: true })
  }
  // Each phase has a server of its own on its own copy of the store, both started before either is
  // measured. The phases then take turns, INGEST_ROUNDS windows each (one measured at a time, the
  // other server idle), so a slow stretch of the machine or a checkpoint lands on both rather than
  // on whichever phase ran then; identical single runs here varied by up to 20 %.
  const start = async (rules: boolean): Promise<PhaseServer | null> => {
    const dir = join(opts.workDir, rules ? 'rules' : 'plain')
    copyStore(opts.store, dir)
    const server = await startChildServer({
      dataDir: dir,
      nodeArgs: opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : [],
    })
    const rss = sampleRss(server)
    try {
      const hasRules = await rulesApiAvailable(server.url)
      if (rules && !hasRules) {
        rss.stop()
        await server.stop()
        return null
      }
      if (hasRules) await deleteAllRules(server.url)
      if (rules) {
        await createRules(server.url, TWENTY_INGEST_RULES)
        // A rule change re-evaluates the stored logs in the background (server/rules/retag.ts): a
        // one-off cost the api figures report; the rate with rules is measured after it.
        const retag = await waitForRetag(server, TWENTY_INGEST_RULES.length)
        log(`  20 rules: the server re-evaluated ${retag.logs} stored logs in ${retag.seconds} s first`)
      }
      log(`  ${rules ? '20 rules' : 'no rules'}: warm-up 5 s (${opts.senders} senders, batches of ${templates[0]!.logs} logs, ${kb.toFixed(0)} KiB)…`)
      await ingestFlat(server.url, server.token, templates, opts.senders, 5)
      const setupPeak = server.memory()?.hwm ?? NaN
      // From here VmHWM is the peak while ingesting (Linux: 5 in clear_refs resets it).
      writeFileSync(`/proc/${server.pid}/clear_refs`, '5')
      rss.samples.length = 0
      return { rules, server, rss, setupPeak, windows: [] }
    } catch (e) {
      rss.stop()
      await server.stop()
      throw e
    }
  }
  const measure = async (p: PhaseServer, seconds: number) => {
    // A short warm-up each turn: the senders' queue refills after the other phase's window.
    await ingestFlat(p.server.url, p.server.token, templates, opts.senders, 2)
    const before = p.rules ? await droppedSoFar(p.server.url) : 0
    const cpu0 = p.server.cpuMs()
    const run = await ingestFlat(p.server.url, p.server.token, templates, opts.senders, seconds)
    const cpuMs = p.server.cpuMs() - cpu0
    const dropped = p.rules ? (await droppedSoFar(p.server.url)) - before : 0
    p.windows.push({ run, cpuMs, dropped })
    log(`    ${p.rules ? '20 rules' : 'no rules'} window ${p.windows.length}: ${Math.round(run.rate).toLocaleString('en-US')} logs/s`)
  }
  const stop = async (p: PhaseServer | null) => {
    if (!p) return null
    p.rss.stop()
    const hwm = p.server.memory()?.hwm ?? NaN
    await p.server.stop()
    return { hwm, setupPeak: p.setupPeak, rss: p.rss.samples }
  }

  let plainPhase: PhaseServer | null = null
  let ruledPhase: PhaseServer | null = null
  let ended: ({ hwm: number; setupPeak: number; rss: number[] } | null)[]
  try {
    plainPhase = await start(false)
    ruledPhase = await start(true)
    const window = opts.seconds / INGEST_ROUNDS
    for (let round = 0; round < INGEST_ROUNDS; round++) {
      await measure(plainPhase!, window)
      if (ruledPhase) await measure(ruledPhase, window)
    }
  } finally {
    ended = [await stop(plainPhase), await stop(ruledPhase)]
  }
  const speedAfter = speedProbe(templates)
  const speed = `machine speed (bench/lib/speed.ts: decode + pack on one thread) ${speedBefore.toFixed(1)} ms CPU per 1,000 logs before, ${speedAfter.toFixed(1)} after`
  log(`  ${speed}`)
  const total = (p: PhaseServer) => {
    const run = mergeRuns(p.windows.map((w) => w.run))
    return { run, cpu: (p.windows.reduce((n, w) => n + w.cpuMs, 0) / run.ackedLogs) * 1000, dropped: p.windows.reduce((n, w) => n + w.dropped, 0) }
  }

  const figures: Figure[] = []
  const { run: plain, cpu: plainCpu } = total(plainPhase!)
  log(`  no rules: ${Math.round(plain.rate).toLocaleString('en-US')} logs/s over ${plain.seconds.toFixed(1)} s (${plain.ackedBatches} batches acked, ${plain.failedBatches} failed${plain.failures.length ? `: ${plain.failures[0]}` : ''})`)
  const noRuleNote = `mean ${Math.round(plain.rate).toLocaleString('en-US')} logs/s over ${plain.seconds.toFixed(0)} s in ${INGEST_ROUNDS} windows alternating with the 20-rule phase, ${opts.senders} senders, batches of ${templates[0]!.logs} (${kb.toFixed(0)} KiB protobuf); batch ack p50 ${median(plain.latencies).toFixed(0)} ms, p95 ${p95(plain.latencies).toFixed(0)} ms; ${plain.failedBatches} failed; p50/p95 columns = median and 5th percentile of 3-second window rates`
  const plainFigure = rateFigure('ingest_no_rules', 'OTLP protobuf ingest, no rules', plain, '≥ 100,000 logs/s', 'mean rate, sustained', plain.rate >= 100_000 && plain.failedBatches === 0, `${noRuleNote}; ${cpuNote(plainCpu)}; ${speed}`)
  figures.push({ ...plainFigure, cpuMs: plainCpu, extra: { ...plainFigure.extra, speedBefore, speedAfter } })

  if (ruledPhase) {
    const { run: ruled, cpu: ruledCpu, dropped } = total(ruledPhase)
    const ratio = ruled.rate / plain.rate
    const perWindow = ruledPhase.windows.map((w, i) => `${((100 * w.run.rate) / plainPhase!.windows[i]!.run.rate).toFixed(0)} %`).join(', ')
    log(`  20 rules: ${Math.round(ruled.rate).toLocaleString('en-US')} logs/s (${(100 * ratio).toFixed(0)} % of no-rule; per round ${perWindow}), ${((100 * dropped) / Math.max(1, ruled.ackedLogs)).toFixed(1)} % dropped by rules`)
    figures.push({
      cpuMs: ruledCpu,
      ...rateFigure(
        'ingest_20_rules',
        'OTLP protobuf ingest, 20 enabled rules',
        ruled,
        '≥ 80 % of no-rule rate',
        'mean rate ÷ no-rule mean',
        ratio >= 0.8 && ruled.failedBatches === 0,
        `mean ${Math.round(ruled.rate).toLocaleString('en-US')} logs/s = ${(100 * ratio).toFixed(1)} % of no-rule (per round: ${perWindow}); rules dropped ${((100 * dropped) / Math.max(1, ruled.ackedLogs)).toFixed(1)} % of received logs; ${ruled.failedBatches} failed; ${cpuNote(ruledCpu)} (${((100 * plainCpu) / ruledCpu).toFixed(0)} % of the no-rule CPU rate); each phase on a server and store copy of its own, measured in turns`,
      ),
    })
  } else {
    figures.push({ id: 'ingest_20_rules', group: 'ingest', label: 'OTLP protobuf ingest, 20 enabled rules', unit: 'logs/s', median: null, p95: null, target: '≥ 80 % of no-rule rate', judgedBy: 'mean rate ÷ no-rule mean', pass: null, note: 'not available: this build does not serve logs/sampling_rules' })
  }
  const [plainEnd, ruledEnd] = ended
  const samples = ended.flatMap((e) => e?.rss ?? [])
  const hwm = Math.max(plainEnd?.hwm ?? 0, ruledEnd?.hwm ?? 0)
  const mib = (b: number | undefined) => `${((b ?? NaN) / MiB).toFixed(0)} MiB`
  figures.push({
    id: 'rss_ingest',
    group: 'ingest',
    label: 'server RSS during ingest',
    unit: 'MiB',
    median: median(samples) / MiB,
    p95: p95(samples) / MiB,
    samples: samples.length,
    target: '≤ 1,536 MiB (1.5 GiB)',
    judgedBy: 'peak (VmHWM)',
    pass: hwm <= 1.5 * GiB,
    note: `peak VmHWM while ingesting ${mib(hwm)} (no-rule server ${mib(plainEnd?.hwm)}, 20-rule server ${mib(ruledEnd?.hwm)}; reset after each server's warm-up); before that, from start through warm-up: no-rule ${mib(plainEnd?.setupPeak)}, 20-rule ${mib(ruledEnd?.setupPeak)} (its re-evaluation of the stored logs); DuckDB memory_limit ${DEFAULT_MEMORY_LIMIT} (the default)`,
    extra: { hwmBytes: hwm, setupPeakBytes: Math.max(plainEnd?.setupPeak ?? 0, ruledEnd?.setupPeak ?? 0) },
  })
  if (opts.profileDir) {
    const profiles: IngestProfile[] = []
    for (const thread of ['main', 'worker'] as const) {
      const file = largestProfile(opts.profileDir, thread)
      if (file) profiles.push({ thread, file, ...hotSpots(file, 30) })
    }
    return { figures, profiles }
  }
  return { figures }
}

const cpuNote = (msPer1000: number) =>
  `server CPU ${msPer1000.toFixed(1)} ms per 1,000 logs (${Math.round(1_000_000 / msPer1000).toLocaleString('en-US')} logs per CPU-second; CPU column is ms per 1,000 logs)`

async function droppedSoFar(url: string): Promise<number> {
  const { body } = await api<{ results: { impact_24h?: { dropped_logs: number } }[] }>(url, 'GET', '/api/environments/1/logs/sampling_rules?limit=1000')
  return body.results.reduce((n, r) => n + (r.impact_24h?.dropped_logs ?? 0), 0)
}
