import { hash } from 'node:crypto'
import { NO_SERVICE } from '../../src/contract/logs'
import {
  DEFAULT_BURST_FACTOR,
  type AlwaysKeep,
  type PathDropConfig,
  type Rule,
  type RateLimitConfig,
  type SampledLevel,
  type ScopeAttributeFilter,
  type SeveritySamplingConfig,
} from '../../src/contract/rules'
import type { Level } from '../../src/contract/severity'
import { logPath, type LogRecord } from '../logs/record'
import { sha256FirstWord } from '../ingest/sha256-word'
import { attributeValue, compileFilterGroup, parseNumber, type LogPredicate } from './filter-eval'

/**
 * The one rule engine: ingestion calls it on every decoded log, simulation on stored rows, so what
 * a simulation predicts is what ingestion does. Semantics are api.md "Evaluation"; the choices it
 * leaves open are made here:
 *
 * - Attributes a rule names (scope filters, always_keep, match_attribute_key, status, latency) are
 *   the log's own attributes, never resource attributes — the same columns the SQL side reads.
 * - A log without a path (none of PATH_KEYS non-empty) matches no path pattern, scope or drop,
 *   as a NULL path column matches no `regexp_matches` in SQL.
 * - `always_keep` keeps when ANY of its conditions holds; status and latency read the first
 *   non-empty key of their list, parsed as numbers (not a number → the condition does not hold).
 * - `scope_service` "(no service)" means the logs whose service is empty, as in queries.
 * - Sampling at rate ≥ 1 always keeps (the hash formula alone would drop one log in 2³²).
 */

export type DecisionReason =
  | 'no_rule'
  | 'always_keep'
  | 'pattern'
  | 'filter'
  | 'level_keep'
  | 'level_drop'
  | 'sampled_in'
  | 'sampled_out'
  | 'under_rate'
  | 'over_rate'

export type Decision =
  | { readonly action: 'keep'; readonly ruleId: string | null; readonly reason: DecisionReason }
  | { readonly action: 'drop'; readonly ruleId: string; readonly reason: DecisionReason }

const KEPT_BY_NO_RULE: Decision = Object.freeze({ action: 'keep', ruleId: null, reason: 'no_rule' })

/** Where `always_keep` reads a log's status and latency: the first non-empty key of each list. */
export const STATUS_KEYS = ['http.status_code', 'http.response.status_code'] as const
export const LATENCY_KEYS = ['latency_ms', 'duration_ms', 'http.duration_ms'] as const

/** The last key hashed and its value: the logs of one trace tend to arrive together. */
let lastKey: string | null = null
let lastSampleKey = 0
/**
 * Trace ids hashed lately: ingestion asks for a log's key twice (the rules, then the writer), and
 * a trace's logs need not be neighbours. Bounded: a flood of distinct keys only starts it over.
 * A log without a trace is keyed by its uuid, which nothing shares: those skip this map
 * (logSampleKey), where they would only push the trace ids out.
 */
const recentKeys = new Map<string, number>()
const MAX_RECENT_KEYS = 65_536

/**
 * The first 4 bytes of sha256(key) as a big-endian uint32. Ingestion stores it per log
 * (`logs.sample_key`), so simulation in SQL decides exactly as this engine does.
 */
export function sampleKey(traceIdOrUuid: string): number {
  if (traceIdOrUuid !== lastKey) {
    let key = recentKeys.get(traceIdOrUuid)
    if (key === undefined) {
      key = hashedSampleKey(traceIdOrUuid)
      if (recentKeys.size >= MAX_RECENT_KEYS) recentKeys.clear()
      recentKeys.set(traceIdOrUuid, key)
    }
    lastSampleKey = key
    lastKey = traceIdOrUuid
  }
  return lastSampleKey
}

/** A log's sample key: its trace id's, or when it has none its uuid's. */
export function logSampleKey(traceId: string, uuid: string): number {
  return traceId ? sampleKey(traceId) : hashedSampleKey(uuid)
}

/** sampleKey without the caches. */
export function hashedSampleKey(key: string): number {
  // Trace ids and uuids are one block of ASCII, which plain JS hashes several times faster; for
  // anything else, one-shot `hash` rather than `createHash` (the same sha256, about twice as fast).
  const word = sha256FirstWord(key)
  return word >= 0 ? word : hash('sha256', key, 'buffer').readUInt32BE(0)
}

/**
 * Deterministic per trace: keeps iff the first 4 bytes of sha256(key), read as a big-endian uint32
 * and divided by 0xFFFFFFFF, fall below the rate. The key is the trace id as stored (lower-case
 * hex text), or the log's uuid when it has no trace — so SQL can compute the same from columns.
 */
export function sampleKeeps(traceId: string, uuid: string, rate: number): boolean {
  if (rate >= 1) return true
  if (rate <= 0) return false
  return logSampleKey(traceId, uuid) / 0xffffffff < rate
}

/** Evaluation order: priority (null last), then creation time, then id so ties are stable. */
export function compareRules(a: Rule, b: Rule): number {
  const pa = a.priority ?? Number.POSITIVE_INFINITY
  const pb = b.priority ?? Number.POSITIVE_INFINITY
  if (pa !== pb) return pa < pb ? -1 : 1
  const ca = Date.parse(a.created_at)
  const cb = Date.parse(b.created_at)
  if (ca !== cb && !Number.isNaN(ca) && !Number.isNaN(cb)) return ca < cb ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const serviceKey = (name: string) => (name === NO_SERVICE ? '' : name)

/** Whether an enabled rule's scope can match logs of this service (the services page's active rules). */
export function scopeCanMatchService(rule: Rule, serviceName: string): boolean {
  return rule.enabled && (rule.scope_service === null || serviceKey(rule.scope_service) === serviceKey(serviceName))
}

function firstNonEmpty(attributes: Record<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const v = attributeValue(attributes, key)
    if (v) return v
  }
  return undefined
}

function compileScopeFilter(f: ScopeAttributeFilter): LogPredicate {
  const { key, value } = f
  switch (f.op) {
    case 'eq':
      return (l) => attributeValue(l.attributes, key) === value
    case 'ne':
      return (l) => attributeValue(l.attributes, key) !== value
    case 'exists':
      return (l) => attributeValue(l.attributes, key) !== undefined
    case 'not_exists':
      return (l) => attributeValue(l.attributes, key) === undefined
    case 'regex': {
      const re = new RegExp(value ?? '')
      return (l) => {
        const v = attributeValue(l.attributes, key)
        return v !== undefined && re.test(v)
      }
    }
  }
}

function all(predicates: LogPredicate[]): LogPredicate | null {
  if (predicates.length === 0) return null
  return (l) => {
    for (const p of predicates) if (!p(l)) return false
    return true
  }
}

function any(predicates: LogPredicate[]): LogPredicate | null {
  if (predicates.length === 0) return null
  return (l) => {
    for (const p of predicates) if (p(l)) return true
    return false
  }
}

/** The status `always_keep` compares: the first non-empty of STATUS_KEYS as a number (NaN: none, or not one). */
export const statusNumber = (attributes: Record<string, string>): number => parseNumber(firstNonEmpty(attributes, STATUS_KEYS))
const latencyNumber = (attributes: Record<string, string>): number => parseNumber(firstNonEmpty(attributes, LATENCY_KEYS))

const INT32_MAX = 2 ** 31 - 1
const INT32_MIN = -(2 ** 31)
/**
 * The status as stored per log (`logs.status_number`, INTEGER): rounded down and clamped, null for
 * NaN. For a whole bound k (status_gte is one) `floor(v) >= k` exactly when `v >= k`, and the clamp
 * keeps every order against bounds inside INTEGER — so SQL compares a small integer column, not
 * text cast per log, and decides as the engine does.
 */
export function storedStatus(status: number): number | null {
  if (Number.isNaN(status)) return null
  return status >= INT32_MAX ? INT32_MAX : status <= INT32_MIN ? INT32_MIN : Math.floor(status)
}

function compileAlwaysKeep(k: AlwaysKeep | undefined): LogPredicate | null {
  if (!k) return null
  const parts: LogPredicate[] = []
  const { status_gte: statusGte, latency_ms_gt: latencyGt } = k
  if (statusGte !== undefined) parts.push((l) => statusNumber(l.attributes) >= statusGte)
  if (latencyGt !== undefined) parts.push((l) => latencyNumber(l.attributes) > latencyGt)
  for (const p of k.attribute_predicates ?? []) {
    const { key, value } = p
    if (p.op === 'exists') parts.push((l) => attributeValue(l.attributes, key) !== undefined)
    else if (p.op === 'eq') parts.push((l) => attributeValue(l.attributes, key) === value)
    else parts.push((l) => attributeValue(l.attributes, key) !== value)
  }
  return any(parts)
}

/**
 * Rate-limit bucket levels in shared memory, so every thread that evaluates rules (ingestion's
 * worker threads, server/ingest/decode-pool.ts) draws from one bucket per rule. Per slot: the
 * tokens and the time they were counted at (float64s), and a lock word; a take holds the slot's
 * lock for a few arithmetic operations.
 */
export class BucketStore {
  readonly slots: number
  private readonly levels: Float64Array
  private readonly locks: Int32Array
  private readonly freed: number[] = []
  private used = 0

  /** `buffer`: another store's (on another thread), or a new one from BucketStore.create. */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.slots = buffer.byteLength / 20
    this.levels = new Float64Array(buffer, 0, this.slots * 2)
    this.locks = new Int32Array(buffer, this.slots * 16, this.slots)
  }

  static create(slots: number): BucketStore {
    return new BucketStore(new SharedArrayBuffer(slots * 20))
  }

  free(): number {
    return this.slots - this.used + this.freed.length
  }

  /** A slot holding `tokens`, counted at `lastMs` (NaN: a bucket not drawn from yet). */
  allocate(tokens: number, lastMs = Number.NaN): number {
    const slot = this.freed.pop() ?? this.used++
    if (slot >= this.slots) throw new Error('No free rate-limit bucket slot.')
    this.levels[slot * 2] = tokens
    this.levels[slot * 2 + 1] = lastMs
    return slot
  }

  release(slot: number): void {
    this.freed.push(slot)
  }

  level(slot: number): { tokens: number; lastMs: number } {
    return { tokens: this.levels[slot * 2]!, lastMs: this.levels[slot * 2 + 1]! }
  }

  /** Takes the slot's lock. Atomics order the plain float64 accesses under it between threads (they are sequentially consistent). */
  private lock(slot: number): void {
    for (let spins = 0; Atomics.compareExchange(this.locks, slot, 0, 1) !== 0; ) {
      // A holder that stopped inside (a terminated worker) must not stop every other thread: after
      // far longer than a take lasts, this one goes ahead (at worst a token is miscounted).
      if (++spins > 1_000_000) break
    }
  }

  private unlock(slot: number): void {
    Atomics.store(this.locks, slot, 0)
  }

  /** Puts back `cost` taken for logs that were then never stored (up to `capacity`). */
  give(slot: number, capacity: number, cost: number): void {
    this.lock(slot)
    try {
      this.levels[slot * 2] = Math.min(capacity, this.levels[slot * 2]! + cost)
    } finally {
      this.unlock(slot)
    }
  }

  /** Refills continuously from the caller's clock (time never runs backwards for it), then takes `cost` if there is that much. */
  take(slot: number, ratePerSecond: number, capacity: number, cost: number, nowMs: number): boolean {
    this.lock(slot)
    try {
      const levels = this.levels
      const at = slot * 2
      let tokens = levels[at]!
      const lastMs = levels[at + 1]!
      if (Number.isNaN(lastMs)) levels[at + 1] = nowMs
      else if (nowMs > lastMs) {
        tokens = Math.min(capacity, tokens + ((nowMs - lastMs) * ratePerSecond) / 1000)
        levels[at + 1] = nowMs
      }
      const taken = tokens >= cost
      levels[at] = taken ? tokens - cost : tokens
      return taken
    } finally {
      this.unlock(slot)
    }
  }
}

/** A rule's token bucket: its limits here, its level in a BucketStore slot. */
class TokenBucket {
  constructor(
    readonly store: BucketStore,
    readonly slot: number,
    readonly ratePerSecond: number,
    readonly capacity: number,
  ) {}

  take(cost: number, nowMs: number): boolean {
    return this.store.take(this.slot, this.ratePerSecond, this.capacity, cost, nowMs)
  }

  give(cost: number): void {
    this.store.give(this.slot, this.capacity, cost)
  }
}

/** Where a compiled set's buckets live, to compile the same set on another thread (compileRulesAt). */
export interface BucketPlacement {
  buffer: SharedArrayBuffer
  /** Rule id → slot. */
  slots: Readonly<Record<string, number>>
}

type Resolver = (log: LogRecord, path: string, nowMs: number) => Decision | null

interface CompiledRule {
  readonly rule: Rule
  /** Service the scope requires, as stored on logs ('' = no service); null = any. */
  readonly service: string | null
  readonly pathScope: RegExp | null
  readonly attributeScope: LogPredicate | null
  readonly alwaysKeep: LogPredicate | null
  readonly keptAlways: Decision
  readonly resolve: Resolver
  readonly bucket: TokenBucket | null
  /** What the rule drew from its bucket for logs it let through (`under_rate`), by their count and bytes. */
  readonly cost: ((logs: number, bytes: number) => number) | null
}

const keep = (ruleId: string, reason: DecisionReason): Decision => Object.freeze({ action: 'keep', ruleId, reason })
const drop = (ruleId: string, reason: DecisionReason): Decision => Object.freeze({ action: 'drop', ruleId, reason })

const levelKeys: Record<Level, SampledLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' }

function severityResolver(id: string, config: SeveritySamplingConfig): Resolver {
  const kept = keep(id, 'level_keep')
  const dropped = drop(id, 'level_drop')
  const sampledIn = keep(id, 'sampled_in')
  const sampledOut = drop(id, 'sampled_out')
  // Per level, either a fixed decision or a rate; looked up by the log's normalised level.
  const plan = {} as Record<Level, Decision | number>
  for (const level of Object.keys(levelKeys) as Level[]) {
    const action = config.actions[levelKeys[level]]
    plan[level] = !action || action.type === 'keep' ? kept : action.type === 'drop' ? dropped : (action.rate ?? 1)
  }
  return (l) => {
    const p = plan[l.level]
    if (typeof p !== 'number') return p
    return sampleKeeps(l.traceId, l.uuid, p) ? sampledIn : sampledOut
  }
}

function pathDropResolver(id: string, config: PathDropConfig): Resolver {
  const patterns = (config.patterns ?? []).map((p) => new RegExp(p))
  const matchKey = config.match_attribute_key
  const filter = compileFilterGroup(config.filter_group)
  const byPattern = drop(id, 'pattern')
  const byFilter = drop(id, 'filter')
  return (l, path) => {
    if (patterns.length > 0) {
      // The path column is NULL when empty (no match); an attribute that is present but '' is tested.
      const target = matchKey === undefined ? path || undefined : attributeValue(l.attributes, matchKey)
      if (target !== undefined) for (const re of patterns) if (re.test(target)) return byPattern
    }
    return filter && filter(l) ? byFilter : null
  }
}

function limitsOf(config: RateLimitConfig): { rate: number; burst: number } {
  const rate = config.logs_per_second ?? config.kb_per_second ?? 1
  const burst = (config.logs_per_second !== undefined ? config.burst_logs : config.burst_kb) ?? rate * DEFAULT_BURST_FACTOR
  return { rate, burst }
}

function compileRule(rule: Rule, bucketFor: (rule: Rule, config: RateLimitConfig) => TokenBucket): CompiledRule {
  const id = rule.id
  let resolve: Resolver
  let alwaysKeep: AlwaysKeep | undefined
  let bucket: TokenBucket | null = null
  let cost: CompiledRule['cost'] = null
  switch (rule.rule_type) {
    case 'severity_sampling':
      alwaysKeep = rule.config.always_keep
      resolve = severityResolver(id, rule.config)
      break
    case 'path_drop':
      alwaysKeep = rule.config.always_keep
      resolve = pathDropResolver(id, rule.config)
      break
    case 'rate_limit': {
      const b = bucketFor(rule, rule.config)
      const byKb = rule.config.kb_per_second !== undefined
      const filter = compileFilterGroup(rule.config.filter_group)
      const under = keep(id, 'under_rate')
      const over = drop(id, 'over_rate')
      bucket = b
      cost = byKb ? (_logs, bytes) => bytes / 1024 : (logs) => logs
      resolve = (l, _path, nowMs) => {
        if (filter && !filter(l)) return null
        return b.take(cost!(1, l.bytes), nowMs) ? under : over
      }
      break
    }
  }
  return {
    rule,
    service: rule.scope_service === null ? null : serviceKey(rule.scope_service),
    pathScope: rule.scope_path_pattern ? new RegExp(rule.scope_path_pattern) : null,
    attributeScope: all(rule.scope_attribute_filters.map(compileScopeFilter)),
    alwaysKeep: compileAlwaysKeep(alwaysKeep),
    keptAlways: keep(id, 'always_keep'),
    resolve,
    bucket,
    cost,
  }
}

/**
 * What a rule decides, without its name, id or bookkeeping: two rules with the same meaning resolve
 * and decide every log alike. A rule set's meanings in order identify it (store/rule-sets.ts).
 */
export function ruleMeaning(rule: Rule): string {
  return JSON.stringify([rule.rule_type, rule.scope_service, rule.scope_path_pattern, rule.scope_attribute_filters, rule.config])
}

export class CompiledRuleSet {
  /** The enabled rules, in evaluation order. */
  readonly rules: readonly Rule[]
  /** Each enabled rule's position in `rules`, by id: where a decision's rule sits. */
  readonly positions: ReadonlyMap<string, number>
  private readonly compiled: readonly CompiledRule[]
  readonly store: BucketStore

  /** Compile with compileRules or compileRulesAt. */
  constructor(rules: readonly Rule[], store: BucketStore, bucketFor: (rule: Rule, config: RateLimitConfig) => TokenBucket) {
    this.store = store
    this.rules = rules.filter((r) => r.enabled).sort(compareRules)
    this.positions = new Map(this.rules.map((r, i) => [r.id, i]))
    this.compiled = this.rules.map((r) => compileRule(r, bucketFor))
  }

  /** The buckets' shared memory and slots, for compileRulesAt on another thread. */
  get placement(): BucketPlacement {
    const slots: Record<string, number> = {}
    for (const c of this.compiled) if (c.bucket) slots[c.rule.id] = c.bucket.slot
    return { buffer: this.store.buffer, slots }
  }

  /**
   * Gives back to a rate-limit rule's bucket what it drew for `logs` logs (of `bytes` bytes) it let
   * through, when they are then not stored after all (their payload turned out malformed).
   */
  giveBack(ruleId: string, logs: number, bytes: number): void {
    const position = this.positions.get(ruleId)
    const c = position === undefined ? undefined : this.compiled[position]
    if (c?.bucket && c.cost) c.bucket.give(c.cost(logs, bytes))
  }

  /** compileRules: this set's buckets by rule id, to carry over to the next set. */
  bucketsByRule(): Map<string, TokenBucket> {
    return new Map(this.compiled.flatMap((c) => (c.bucket ? [[c.rule.id, c.bucket] as const] : [])))
  }

  /**
   * The first rule that resolves the log decides it; none → keep. `nowMs` drives rate limits:
   * ingestion passes the wall clock, simulation each log's own timestamp (in time order).
   */
  evaluate(log: LogRecord, nowMs: number): Decision {
    const path = this.compiled.length > 0 ? logPath(log.attributes) : ''
    for (const c of this.compiled) {
      if (c.service !== null && log.serviceName !== c.service) continue
      if (c.pathScope !== null && (path === '' || !c.pathScope.test(path))) continue
      if (c.attributeScope !== null && !c.attributeScope(log)) continue
      if (c.alwaysKeep !== null && c.alwaysKeep(log)) return c.keptAlways
      const decision = c.resolve(log, path, nowMs)
      if (decision !== null) return decision
    }
    return KEPT_BY_NO_RULE
  }
}

const INITIAL_BUCKET_SLOTS = 64

/**
 * Compiles the enabled rules once per rule change. Pass the set being replaced so rate-limit
 * buckets of unchanged limits carry over instead of refilling to a full burst; the others' slots
 * are freed. (A batch still being evaluated with the replaced set on another thread may draw from
 * a freed slot once more: a rule change is not synchronised with batches in flight.)
 */
export function compileRules(rules: readonly Rule[], previous?: CompiledRuleSet): CompiledRuleSet {
  const before = previous?.bucketsByRule() ?? new Map<string, TokenBucket>()
  const limited = rules.filter((r) => r.enabled && r.rule_type === 'rate_limit').length
  // The previous store if it has room for every bucket of the new set, none carried over; else a new one.
  const fits = previous !== undefined && previous.store.free() >= limited
  const store = fits ? previous.store : BucketStore.create(INITIAL_BUCKET_SLOTS + 2 * limited)
  const carried = new Set<TokenBucket>()
  const set = new CompiledRuleSet(rules, store, (rule, config) => {
    const { rate, burst } = limitsOf(config)
    const b = before.get(rule.id)
    if (!b || b.ratePerSecond !== rate || b.capacity !== burst) return new TokenBucket(store, store.allocate(burst), rate, burst)
    carried.add(b)
    if (fits) return b
    const level = b.store.level(b.slot)
    return new TokenBucket(store, store.allocate(level.tokens, level.lastMs), rate, burst)
  })
  if (fits) for (const b of before.values()) if (!carried.has(b)) store.release(b.slot)
  return set
}

/** The same set compiled on another thread, drawing from the buckets `placement` names (CompiledRuleSet#placement). */
export function compileRulesAt(rules: readonly Rule[], placement: BucketPlacement): CompiledRuleSet {
  const store = new BucketStore(placement.buffer)
  return new CompiledRuleSet(rules, store, (rule, config) => {
    const slot = placement.slots[rule.id]
    if (slot === undefined) throw new Error(`No bucket slot for rate-limit rule ${rule.id}.`)
    const { rate, burst } = limitsOf(config)
    return new TokenBucket(store, slot, rate, burst)
  })
}
