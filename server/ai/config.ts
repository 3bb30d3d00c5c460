/**
 * AI provider settings, from the environment.
 *
 * | variable               | default  | meaning                                                              |
 * |------------------------|----------|----------------------------------------------------------------------|
 * | AI_BASE_URL            | —        | OpenAI-compatible base URL, e.g. https://api.openai.com/v1,          |
 * |                        |          | http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8080/v1 (llama.cpp) |
 * | AI_MODEL               | —        | model name the provider knows, e.g. gpt-4o-mini, llama3.1            |
 * | AI_API_KEY             | —        | sent as `Authorization: Bearer …`; local servers usually need none   |
 * | AI_TIMEOUT_MS          | 60000    | deadline for one explanation, retries included                       |
 * | AI_RATE_LIMIT_PER_MIN  | 30       | provider calls per environment per 60 s                              |
 * | AI_REDACT              | (all)    | which redaction classes apply, see below                             |
 *
 * Without AI_BASE_URL or AI_MODEL the feature is "not configured" (503 with setup instructions).
 *
 * AI_REDACT — classes: secrets `bearer`, `apikey`, `url_password`; personal data `email`, `card`, `ip`.
 * - unset or empty: every class.
 * - names (`email,card`): exactly those personal-data classes; `none` names none of them.
 * - `-name` (`-ip`): that class off, whatever else is listed.
 * The secret classes stay on unless switched off one by one with `-bearer`, `-apikey`,
 * `-url_password`: leaking a credential to a third party is never what a short list meant. So
 * `AI_REDACT=-ip` is everything but IP addresses, `AI_REDACT=none` is secrets only, and
 * `AI_REDACT=none,-bearer,-apikey,-url_password` switches redaction off. An unknown name is a
 * startup error — a typo must not quietly send what someone meant to hide.
 */

import { serverError, type ApiError } from '../http/errors'

export const SECRET_CLASSES = ['bearer', 'apikey', 'url_password'] as const
export const PERSONAL_CLASSES = ['email', 'card', 'ip'] as const
export const REDACTION_CLASSES = [...SECRET_CLASSES, ...PERSONAL_CLASSES] as const
export type RedactionClass = (typeof REDACTION_CLASSES)[number]

export interface AiConfig {
  /** Without a trailing slash; null when unset. */
  baseUrl: string | null
  model: string | null
  apiKey: string | null
  timeoutMs: number
  rateLimitPerMin: number
  redact: ReadonlySet<RedactionClass>
}

export type ConfiguredAiConfig = AiConfig & { baseUrl: string; model: string }

export class AiConfigError extends Error {}

export function isAiConfigured(config: AiConfig): config is ConfiguredAiConfig {
  return config.baseUrl !== null && config.model !== null
}

/** The 503 the API answers while no provider is configured: it names what is missing and how to set it. */
export function notConfiguredError(config: AiConfig): ApiError {
  const missing = [config.baseUrl === null && 'AI_BASE_URL', config.model === null && 'AI_MODEL'].filter(Boolean)
  return serverError(
    'ai_not_configured',
    `AI explanations are not configured (${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set). ` +
      'Set AI_BASE_URL to an OpenAI-compatible endpoint and AI_MODEL to a model it serves, plus AI_API_KEY when the provider needs one, ' +
      'then restart the server. For example AI_BASE_URL=https://api.openai.com/v1 AI_MODEL=gpt-4o-mini AI_API_KEY=<your key>, ' +
      'or for a local Ollama AI_BASE_URL=http://127.0.0.1:11434/v1 AI_MODEL=llama3.1.',
    503,
  )
}

export function loadAiConfig(env: Record<string, string | undefined> = process.env): AiConfig {
  return {
    baseUrl: baseUrl(env.AI_BASE_URL),
    model: nonEmpty(env.AI_MODEL),
    apiKey: nonEmpty(env.AI_API_KEY),
    timeoutMs: positiveInt('AI_TIMEOUT_MS', env.AI_TIMEOUT_MS, 60_000, 600_000),
    rateLimitPerMin: positiveInt('AI_RATE_LIMIT_PER_MIN', env.AI_RATE_LIMIT_PER_MIN, 30, 100_000),
    redact: parseRedact(env.AI_REDACT),
  }
}

function nonEmpty(raw: string | undefined): string | null {
  const v = raw?.trim()
  return v ? v : null
}

function baseUrl(raw: string | undefined): string | null {
  const v = nonEmpty(raw)
  if (v === null) return null
  let url: URL
  try {
    url = new URL(v)
  } catch {
    throw new AiConfigError(`AI_BASE_URL is not a URL (got "${v}"); e.g. https://api.openai.com/v1.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AiConfigError(`AI_BASE_URL must be an http(s) URL (got "${url.protocol}").`)
  }
  // fetch refuses such URLs, and a credential in a URL ends up in logs and error messages.
  if (url.username || url.password) throw new AiConfigError('AI_BASE_URL must not contain credentials; put the key in AI_API_KEY.')
  return v.replace(/\/+$/, '')
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  const v = nonEmpty(raw)
  if (v === null) return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AiConfigError(`${name} must be a whole number from 1 to ${max} (got "${v}").`)
  return n
}

export function parseRedact(raw: string | undefined): ReadonlySet<RedactionClass> {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  const on = new Set<RedactionClass>(REDACTION_CLASSES)
  const named = new Set<RedactionClass>()
  const off = new Set<RedactionClass>()
  let listsPersonal = false
  for (const entry of entries) {
    const negated = entry.startsWith('-')
    const name = negated ? entry.slice(1) : entry
    if (!negated && name === 'none') {
      listsPersonal = true
      continue
    }
    if (!isRedactionClass(name)) {
      throw new AiConfigError(`AI_REDACT: unknown class "${name}"; use ${REDACTION_CLASSES.join(', ')}, none, or -class to switch one off.`)
    }
    if (negated) off.add(name)
    else {
      named.add(name)
      if ((PERSONAL_CLASSES as readonly string[]).includes(name)) listsPersonal = true
    }
  }
  for (const name of off) {
    if (named.has(name)) throw new AiConfigError(`AI_REDACT names "${name}" both on and off.`)
  }
  if (listsPersonal) for (const c of PERSONAL_CLASSES) if (!named.has(c)) on.delete(c)
  for (const c of off) on.delete(c)
  return on
}

function isRedactionClass(name: string): name is RedactionClass {
  return (REDACTION_CLASSES as readonly string[]).includes(name)
}
