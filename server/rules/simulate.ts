import { NO_SERVICE } from '../../src/contract/logs'
import { DEFAULT_BURST_FACTOR, type DraftSimulateBody, type Rule, type RuleImpact, type SimulateResponse } from '../../src/contract/rules'
import { Params, usToIso, type Db } from '../store/db'
import { logWhere } from '../store/log-filters'
import { countsByBucketAndService, stepUsFor } from '../store/logs'
import { getRule, listRules, ruleImpactSince, storedAttributeKeys } from '../store/rules'
import { ruleSetsStartingWith } from '../store/rule-sets'
import { compareRules, ruleMeaning } from './engine'
import { jsonKeysOf, Outcome, outcomesSql } from './rule-sql'

/**
 * "What would this rule drop?" answered over the logs stored in a window, given the enabled rules
 * that run ahead of it (first match wins). The engine's decisions are translated into SQL
 * (rule-sql.ts): one pass over the logs that could reach the rule decides each one's outcome there
 * (a log tagged with a rule set that opens with the same rules needs only its tag, the others are
 * evaluated in full), counted per sparkline bucket and service, so drop and sample rules are
 * estimated exactly as ingestion would decide the same logs (same per-trace hash); the rollups
 * give how many logs each bucket holds.
 *
 * Rate limits depend on exact arrival times: the same scan also counts, per second, the logs that
 * would reach the rule's bucket (with the second's first and last arrival), and the token bucket
 * runs over those counts here, assuming even arrival between them.
 */

export interface UsWindow {
  fromUs: number
  toUs: number
}

const SECOND_US = 1_000_000
const DAY_US = 86_400 * SECOND_US
/** The id a draft is evaluated under (it has none yet). */
const DRAFT_ID = '00000000-0000-0000-0000-000000000000'

const round2 = (n: number) => Math.round(n * 100) / 100
const pct = (part: number, whole: number) => (whole === 0 ? 0 : round2((100 * part) / whole))
const count = (n: number) => n.toLocaleString('en-US')
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`

interface BucketServiceRow {
  b: number
  service: string
  total: number
  matched: number
  dropped: number
  droppedBytes: number
  metered: number
}

export interface SecondRow {
  sec: number
  metered: number
  meteredBytes: number
  /** When the second's first and last metered log arrived (µs since the epoch). */
  firstUs: number
  lastUs: number
}

/**
 * Logs per (bucket, service) from the rollups, and one scan of the logs that could reach the target
 * (after a catalog lookup of the attribute keys the rules read) counting their outcomes there per
 * (bucket, service), and for a rate limit per second too.
 */
async function scan(db: Db, envId: number, ahead: readonly Rule[], target: Rule, window: UsWindow, stepUs: number) {
  const filter = { envId, fromUs: window.fromUs, toUs: window.toUs }
  const keys = await storedAttributeKeys(db, envId, jsonKeysOf([...ahead, target]), window)
  const tagged = ahead.length ? await ruleSetsStartingWith(db, envId, ahead.map(ruleMeaning)) : []
  const p = new Params()
  const columns = 'epoch_us(timestamp) AS us, service_name, bytes'
  const outcomes = outcomesSql(p, keys, ahead, target, { where: logWhere(filter, p), columns }, tagged)
  const step = p.add(stepUs)
  const metered = target.rule_type === 'rate_limit'
  // Both reads in one snapshot, so a log arriving meanwhile is counted by both or by neither.
  const { totals, rows } = await db.snapshot(async (tx) => ({
    totals: await countsByBucketAndService(tx, filter, stepUs),
    rows: outcomes === null ? [] : await tx.all(
      `SELECT ${metered ? 'GROUPING(sec) = 0' : 'false'} AS per_second, b, service_name, ${metered ? 'sec' : 'NULL AS sec'},
         count_if(d >= ${Outcome.kept})::DOUBLE AS matched,
         count_if(d = ${Outcome.dropped})::DOUBLE AS dropped, coalesce(sum(bytes) FILTER (WHERE d = ${Outcome.dropped}), 0)::DOUBLE AS dropped_bytes,
         count_if(d = ${Outcome.metered})::DOUBLE AS metered, coalesce(sum(bytes) FILTER (WHERE d = ${Outcome.metered}), 0)::DOUBLE AS metered_bytes
         ${metered ? ', min(us)::DOUBLE AS first_us, max(us)::DOUBLE AS last_us' : ''}
       FROM (
         SELECT (us // ${step}) * ${step} AS b, service_name, bytes, d, us,
           CASE WHEN d = ${Outcome.metered} THEN us // ${p.add(SECOND_US)} END AS sec
         FROM (${outcomes})
       )
       GROUP BY ${metered ? 'GROUPING SETS ((b, service_name), (sec))' : 'b, service_name'}`,
      p,
    ),
  }))
  const cells = new Map<string, BucketServiceRow>()
  const cell = (b: number, service: string) => {
    const key = `${b} ${service}`
    let c = cells.get(key)
    if (!c) cells.set(key, (c = { b, service, total: 0, matched: 0, dropped: 0, droppedBytes: 0, metered: 0 }))
    return c
  }
  for (const t of totals) cell(t.b, t.service_name).total = t.c
  const seconds: SecondRow[] = []
  for (const r of rows) {
    if (r.per_second === true) {
      if (r.sec !== null) {
        seconds.push({
          sec: r.sec as number,
          metered: r.metered as number,
          meteredBytes: r.metered_bytes as number,
          firstUs: r.first_us as number,
          lastUs: r.last_us as number,
        })
      }
      continue
    }
    const c = cell(r.b as number, r.service_name as string)
    c.matched = r.matched as number
    c.dropped = r.dropped as number
    c.droppedBytes = r.dropped_bytes as number
    c.metered = r.metered as number
  }
  seconds.sort((a, b) => a.sec - b.sec)
  return { cells: [...cells.values()], seconds }
}

/**
 * The engine's token bucket over per-second counts, with the logs of a second arriving evenly
 * between its first and last one: the bucket (full at the first metered log) gains `rate` per
 * second up to `burst` — so refill while it sits full is lost, as in the engine — and the logs of
 * a second get what it holds at their first arrival plus what flows in until their last. Per
 * second with drops: how many logs and bytes were dropped.
 */
export function meterSeconds(
  seconds: readonly SecondRow[],
  limit: { rate: number; burst: number; byKb: boolean },
): { sec: number; logs: number; bytes: number }[] {
  const drops: { sec: number; logs: number; bytes: number }[] = []
  let tokens = limit.burst
  let lastUs: number | null = null
  for (const s of seconds) {
    if (lastUs !== null) tokens = Math.min(limit.burst, tokens + (limit.rate * (s.firstUs - lastUs)) / SECOND_US)
    lastUs = s.lastUs
    const cost = limit.byKb ? s.meteredBytes / s.metered / 1024 : 1
    const supply = tokens + (limit.rate * (s.lastUs - s.firstUs)) / SECOND_US
    const demand = s.metered * cost
    if (demand <= supply) {
      tokens = Math.min(limit.burst, supply - demand)
      continue
    }
    // The small epsilon keeps a whole number of tokens from losing a log to float rounding.
    const accepted = Math.min(s.metered, Math.floor(supply / cost + 1e-9))
    tokens = supply - accepted * cost
    const dropped = s.metered - accepted
    drops.push({ sec: s.sec, logs: dropped, bytes: (s.meteredBytes * dropped) / s.metered })
  }
  return drops
}

/** Splits `total` over weights in proportion, in whole numbers that add up to it (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum === 0 || total === 0) return weights.map(() => 0)
  const exact = weights.map((w) => (total * w) / sum)
  const out = exact.map(Math.floor)
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of order) {
    if (left <= 0) break
    out[i]!++
    left--
  }
  return out
}

/** Sets each cell's drops from a rate limit's per-second drops, spread over its bucket's cells by their metered logs; answers the dropped bytes. */
function attributeRateDrops(cells: BucketServiceRow[], drops: { sec: number; logs: number; bytes: number }[], stepUs: number): number {
  const perBucket = new Map<number, number>()
  let bytes = 0
  for (const d of drops) {
    const b = Math.floor((d.sec * SECOND_US) / stepUs) * stepUs
    perBucket.set(b, (perBucket.get(b) ?? 0) + d.logs)
    bytes += d.bytes
  }
  const byBucket = new Map<number, BucketServiceRow[]>()
  for (const c of cells) byBucket.set(c.b, [...(byBucket.get(c.b) ?? []), c])
  for (const [b, dropped] of perBucket) {
    const inBucket = byBucket.get(b) ?? []
    apportion(dropped, inBucket.map((c) => c.metered)).forEach((n, i) => (inBucket[i]!.dropped = n))
  }
  return Math.round(bytes)
}

function rateLimitOf(rule: Rule & { rule_type: 'rate_limit' }) {
  const byKb = rule.config.logs_per_second === undefined
  const rate = (byKb ? rule.config.kb_per_second : rule.config.logs_per_second) ?? 1
  const burst = (byKb ? rule.config.burst_kb : rule.config.burst_logs) ?? rate * DEFAULT_BURST_FACTOR
  return { rate, burst, byKb }
}

interface Estimate {
  target: Rule
  ahead: readonly Rule[]
  window: UsWindow
  /** For an enabled saved rule: what it really dropped at ingest in the last 24 h. */
  enforced: RuleImpact | null
}

function notesFor(e: Estimate, totals: { total: number; matched: number; dropped: number }): string {
  const from = usToIso(e.window.fromUs)
  const to = usToIso(e.window.toUs)
  if (totals.total === 0) return `No logs are stored between ${from} and ${to}, so there is nothing to estimate from; try a wider window.`
  const notes = [
    `Estimated over the ${plural(totals.total, 'log')} stored between ${from} and ${to}.`,
    'Stored logs are what the rules enabled at ingest time kept, so logs those rules dropped are not counted: the percentage is of the stored volume, not of everything services sent.',
    e.ahead.length === 0
      ? 'No enabled rule runs ahead of this one.'
      : `It runs after ${plural(e.ahead.length, 'enabled rule')}; logs they resolve first never reach it (first match wins).`,
  ]
  if (e.enforced) {
    notes.push(
      `This rule is enabled, so what it drops is already missing from the store (${plural(e.enforced.dropped_logs, 'log')} in the last 24 hours, see impact_24h); the estimate covers only what it would drop of the logs that were kept.`,
    )
  }
  if (totals.matched === 0) notes.push("No stored log in the window reaches this rule's scope, so it would drop nothing here.")
  if (e.target.rule_type === 'severity_sampling' && Object.values(e.target.config.actions).some((a) => a?.type === 'sample')) {
    notes.push('Sampling uses the same per-trace hash as ingestion, so the estimate is what ingestion would do to these logs.')
  }
  if (e.target.rule_type === 'rate_limit') {
    notes.push(
      "The rate limit is estimated from per-second counts of the logs reaching its bucket, assuming the logs of each second arrive evenly between its first and last one, with the bucket full at the window's first such log. Ingestion meters each log at its own arrival, so for every second in which the bucket runs dry the real count can differ by up to one second's worth of the limit (usually far less); logs that arrive in tighter clumps are dropped more than estimated.",
    )
  }
  return notes.join(' ')
}

async function estimate(db: Db, envId: number, e: Estimate): Promise<SimulateResponse> {
  const stepUs = stepUsFor(e.window)
  const { cells, seconds } = await scan(db, envId, e.ahead, e.target, e.window, stepUs)
  let droppedBytes: number
  if (e.target.rule_type === 'rate_limit') {
    droppedBytes = attributeRateDrops(cells, meterSeconds(seconds, rateLimitOf(e.target)), stepUs)
  } else {
    droppedBytes = cells.reduce((n, c) => n + c.droppedBytes, 0)
  }
  const services = new Map<string, { log_count: number; dropped_logs: number }>()
  const buckets = new Map<number, { before: number; dropped: number }>()
  const totals = { total: 0, matched: 0, dropped: 0 }
  for (const c of cells) {
    totals.total += c.total
    totals.matched += c.matched
    totals.dropped += c.dropped
    const s = services.get(c.service) ?? { log_count: 0, dropped_logs: 0 }
    s.log_count += c.total
    s.dropped_logs += c.dropped
    services.set(c.service, s)
    const b = buckets.get(c.b) ?? { before: 0, dropped: 0 }
    b.before += c.total
    b.dropped += c.dropped
    buckets.set(c.b, b)
  }
  return {
    estimated_reduction_pct: pct(totals.dropped, totals.total),
    notes: notesFor(e, totals),
    window: { date_from: usToIso(e.window.fromUs), date_to: usToIso(e.window.toUs) },
    total_logs: totals.total,
    matched_logs: totals.matched,
    dropped_logs: totals.dropped,
    dropped_bytes: droppedBytes,
    by_service: [...services.entries()]
      .map(([name, s]) => ({ service_name: name === '' ? NO_SERVICE : name, ...s, reduction_pct: pct(s.dropped_logs, s.log_count) }))
      .sort((a, b) => b.dropped_logs - a.dropped_logs || b.log_count - a.log_count || a.service_name.localeCompare(b.service_name)),
    series: [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([b, v]) => ({ time: usToIso(b), before: v.before, after: v.before - v.dropped })),
  }
}

/** A saved rule, behind the enabled rules that come before it in evaluation order. Null: no such rule. */
export async function simulateSavedRule(db: Db, envId: number, id: string, window: UsWindow): Promise<SimulateResponse | null> {
  const target = await getRule(db, envId, id)
  if (!target) return null
  const rules = await listRules(db, envId)
  const ahead = rules.filter((r) => r.enabled && r.id !== target.id && compareRules(r, target) < 0)
  const enforced = target.enabled
    ? ((await ruleImpactSince(db, envId, Date.now() * 1000 - DAY_US)).get(target.id) ?? { dropped_logs: 0, dropped_bytes: 0 })
    : null
  return estimate(db, envId, { target, ahead, window, enforced })
}

/**
 * An unsaved rule. `position` is the index in the rules list (the list endpoint's order) where it
 * would sit: the enabled rules before that index run ahead of it. Omitted: after every enabled rule.
 */
export async function simulateDraft(db: Db, envId: number, body: DraftSimulateBody, window: UsWindow): Promise<SimulateResponse> {
  const { date_from: _from, date_to: _to, position, ...draft } = body
  const now = new Date().toISOString()
  const target = { ...draft, id: DRAFT_ID, name: draft.name ?? '', version: 0, created_by: null, created_at: now, updated_at: now } as Rule
  const rules = await listRules(db, envId)
  const ahead = (position === undefined ? rules : rules.slice(0, position)).filter((r) => r.enabled)
  return estimate(db, envId, { target, ahead, window, enforced: null })
}
