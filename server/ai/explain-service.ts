import {
  explainRequestSchema,
  type ExplainRequest,
  type ExplainResponse,
  type Explanation,
  type ParsedExplainRequest,
  type SimilarLogs,
} from '../../src/contract/explain'
import type { LogRow } from '../../src/contract/logs'
import { fromZodError, notFound, throttled } from '../http/errors'
import { ExpiringLruCache } from './cache'
import { isAiConfigured, notConfiguredError, type AiConfig } from './config'
import { buildExplainMessages } from './prompt'
import { createOpenAiProvider, type ExplanationProvider } from './provider'
import { SlidingWindowLimiter } from './rate-limit'
import { redactLog, redactText } from './redact'

export interface ExplainDeps {
  config: AiConfig
  /** The log with this uuid whose timestamp is within ±1 s of `timestampMs`, or null. */
  findLog(envId: number, uuid: string, timestampMs: number): Promise<LogRow | null>
  /** How often logs of the same shape (see `normalisePattern`) occurred in the last hour. */
  similar(envId: number, log: LogRow): Promise<SimilarLogs>
  now?: () => number
}

export interface ExplainService {
  explain(envId: number, req: ExplainRequest): Promise<ExplainResponse>
}

export const CACHE_TTL_MS = 60 * 60 * 1000
export const CACHE_MAX_ENTRIES = 1000
const RATE_WINDOW_MS = 60_000

interface Generated {
  explanation: Explanation
  model: string
  generatedAtMs: number
  /** What the prompt was given, so the numbers shown match what the explanation was based on. */
  similar: SimilarLogs
}

/**
 * Explains one log. The order of checks, and why:
 * 1. The request is validated (400).
 * 2. No provider configured → 503 `ai_not_configured`, before the log is even looked up: the
 *    answer is the same for every log, and the UI shows setup instructions from it.
 * 3. The log is found by uuid within ±1 s (404). The cache key is the log as stored (environment,
 *    uuid, its own timestamp), so requests naming the same log with slightly different timestamps
 *    share one entry.
 * 4. A cached explanation younger than 1 h is served (`cached: true`) unless `force_refresh`.
 * 5. A request for a log already being explained waits for that call instead of making another
 *    (single flight), `force_refresh` included: the answer it gets is fresh anyway.
 * 6. Only then the rate limit (per environment, sliding 60 s window): it guards the provider, so
 *    cache hits and requests that joined a call in flight do not count; a call whose answer had to
 *    be asked for twice counts once.
 * 7. The provider is called with the redacted log; the result replaces the cached copy. A failed
 *    refresh leaves the previous copy in place.
 */
export function createExplainService(deps: ExplainDeps): ExplainService {
  const now = deps.now ?? Date.now
  const { config } = deps
  const provider = isAiConfigured(config) ? createOpenAiProvider(config) : null
  const cache = new ExpiringLruCache<Generated>(CACHE_MAX_ENTRIES, CACHE_TTL_MS, now)
  const inFlight = new Map<string, Promise<Generated>>()
  const limiter = new SlidingWindowLimiter(config.rateLimitPerMin, RATE_WINDOW_MS, now)

  async function generate(provider: ExplanationProvider, envId: number, log: LogRow): Promise<Generated> {
    const similar = await deps.similar(envId, log)
    const messages = buildExplainMessages(redactLog(log, config.redact), { ...similar, pattern: redactText(similar.pattern, config.redact) })
    const { explanation, model } = await provider.explain(messages)
    return { explanation, model, generatedAtMs: now(), similar }
  }

  return {
    async explain(envId, req) {
      const parsed = explainRequestSchema.safeParse(req)
      if (!parsed.success) throw fromZodError(parsed.error)
      const request = parsed.data
      if (!provider) throw notConfiguredError(config)

      const log = await deps.findLog(envId, request.uuid, Date.parse(request.timestamp))
      if (!log) throw notFound(`No log with uuid ${request.uuid} within 1 s of ${request.timestamp}.`)
      const key = `${envId}|${log.uuid}|${log.timestamp}`

      if (!request.force_refresh) {
        const hit = cache.get(key)
        if (hit) return respond(request, hit, true)
      }
      let flight = inFlight.get(key)
      if (!flight) {
        const waitMs = limiter.take(String(envId))
        if (waitMs > 0) {
          const retryAfter = Math.max(1, Math.ceil(waitMs / 1000))
          throw throttled(
            `Too many AI explanations for this environment: the limit is ${config.rateLimitPerMin} per minute. Try again in ${retryAfter} s.`,
            retryAfter,
          )
        }
        flight = generate(provider, envId, log)
          .then((generated) => {
            cache.set(key, generated)
            return generated
          })
          .finally(() => inFlight.delete(key))
        inFlight.set(key, flight)
      }
      return respond(request, await flight, false)
    },
  }
}

function respond(request: ParsedExplainRequest, generated: Generated, cached: boolean): ExplainResponse {
  return {
    uuid: request.uuid,
    timestamp: request.timestamp,
    force_refresh: request.force_refresh,
    ...generated.explanation,
    cached,
    generated_at: new Date(generated.generatedAtMs).toISOString(),
    model: generated.model,
    similar: generated.similar,
  }
}
