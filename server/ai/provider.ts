import { explanationJsonSchema, explanationSchema, type Explanation } from '../../src/contract/explain'
import { serverError, type ApiError } from '../http/errors'
import { REDACTION_CLASSES, type ConfiguredAiConfig } from './config'
import type { ChatMessage } from './prompt'
import { redactText } from './redact'

/**
 * A client for any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp…)
 * that asks for an explanation and returns it parsed, or throws a 502 `ai_provider_error` whose
 * detail a user can act on. Details name the provider by host only and never carry the API key.
 */

export interface ExplanationResult {
  explanation: Explanation
  /** The model that answered, as the provider names it (falls back to the configured one). */
  model: string
}

export interface ExplanationProvider {
  explain(messages: ChatMessage[]): Promise<ExplanationResult>
}

/**
 * How the answer's format is requested, strictest first. A provider that rejects one (a 400 that
 * mentions it) is asked the next way, and the provider object remembers, so later calls skip the
 * failed attempt. The prompt carries the schema either way, so the weaker modes still work.
 */
const FORMATS = ['json_schema', 'json_object', 'none'] as const
type Format = (typeof FORMATS)[number]

/** An answer that fails to parse is asked for once more before giving up. */
const ANSWER_ATTEMPTS = 2
const ALL_CLASSES = new Set(REDACTION_CLASSES)

export function createOpenAiProvider(config: ConfiguredAiConfig): ExplanationProvider {
  const host = new URL(config.baseUrl).host
  let format: Format = 'json_schema'

  async function complete(messages: ChatMessage[], signal: AbortSignal): Promise<{ content: string; model: unknown }> {
    for (;;) {
      const { status, text } = await post(messages, format, signal)
      if (status >= 200 && status < 300) return readCompletion(text)
      const next = FORMATS[FORMATS.indexOf(format) + 1]
      if ((status === 400 || status === 422) && next && /response_format|json_schema|json_object/i.test(text)) {
        format = next
        continue
      }
      throw httpError(status, text)
    }
  }

  async function post(messages: ChatMessage[], mode: Format, signal: AbortSignal): Promise<{ status: number; text: string }> {
    const body: Record<string, unknown> = { model: config.model, messages, temperature: 0.2 }
    if (mode === 'json_schema') {
      body.response_format = { type: 'json_schema', json_schema: { name: 'log_explanation', schema: explanationJsonSchema, strict: true } }
    } else if (mode === 'json_object') {
      body.response_format = { type: 'json_object' }
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
    if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`
    try {
      const res = await fetch(`${config.baseUrl}/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body), signal })
      return { status: res.status, text: await res.text() }
    } catch (e) {
      if (signal.aborted) throw providerError(`The AI provider did not answer within ${seconds(config.timeoutMs)}.`)
      throw providerError(`Could not reach the AI provider at ${host} (${transportReason(e)}). Check AI_BASE_URL and that the provider is running.`)
    }
  }

  function httpError(status: number, text: string): ApiError {
    const said = upstreamMessage(text, config.apiKey)
    const suffix = said ? `: ${said}` : '.'
    if (status === 401 || status === 403) {
      return providerError(
        config.apiKey
          ? `The AI provider at ${host} rejected the API key (HTTP ${status}). Check AI_API_KEY.`
          : `The AI provider at ${host} requires an API key (HTTP ${status}). Set AI_API_KEY.`,
      )
    }
    if (status === 404) return providerError(`The AI provider at ${host} answered 404${suffix} Check AI_BASE_URL (it usually ends in /v1) and AI_MODEL.`)
    if (status === 429) return providerError(`The AI provider at ${host} is rate limiting or out of quota (HTTP 429)${suffix}`)
    if (status >= 500) return providerError(`The AI provider at ${host} failed (HTTP ${status})${suffix}`)
    return providerError(`The AI provider at ${host} refused the request (HTTP ${status})${suffix}`)
  }

  return {
    async explain(messages) {
      const controller = new AbortController()
      // One deadline for the whole explanation, retries included: the user waits for all of it.
      const timer = setTimeout(() => controller.abort(), config.timeoutMs)
      try {
        let conversation = messages
        let problem = ''
        for (let attempt = 1; attempt <= ANSWER_ATTEMPTS; attempt++) {
          const { content, model } = await complete(conversation, controller.signal)
          const parsed = parseExplanationContent(content)
          if ('explanation' in parsed) {
            return { explanation: parsed.explanation, model: typeof model === 'string' && model ? model : config.model }
          }
          problem = parsed.problem
          // Saying what was wrong gives the retry a better chance than asking the same question again.
          conversation = [
            ...messages,
            { role: 'assistant', content: content.slice(0, 2000) },
            { role: 'user', content: `That answer is not valid (${problem}). Answer again with only the JSON object that matches the schema.` },
          ]
        }
        throw providerError(`The AI provider answered ${ANSWER_ATTEMPTS} times with something that is not a valid explanation (${problem}).`)
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

function readCompletion(text: string): { content: string; model: unknown } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { content: '', model: undefined }
  }
  const completion = json as { model?: unknown; choices?: { message?: { content?: unknown; refusal?: unknown } }[] }
  const message = completion.choices?.[0]?.message
  const content = typeof message?.content === 'string' ? message.content : typeof message?.refusal === 'string' ? message.refusal : ''
  return { content, model: completion.model }
}

/**
 * The explanation inside a model's message. Tolerates the wrappers models put around JSON — a
 * ```json fence, a <think> block, a sentence before or after — but the object itself must match
 * the schema: every field, every enum, every count.
 */
export function parseExplanationContent(content: string): { explanation: Explanation } | { problem: string } {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim()
  const fenced = /^```[a-z]*\s*([\s\S]*?)\s*```$/i.exec(text)
  if (fenced) text = fenced[1]!
  if (!text.startsWith('{')) {
    const start = text.indexOf('{')
    const end = text.lastIndexOf('}')
    if (start >= 0 && end > start) text = text.slice(start, end + 1)
  }
  if (text === '') return { problem: 'the answer was empty' }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { problem: 'the answer is not JSON' }
  }
  const result = explanationSchema.safeParse(json)
  if (result.success) return { explanation: result.data }
  const issue = result.error.issues[0]!
  const where = issue.path.length ? issue.path.join('.') : 'the answer'
  return { problem: `${where}: ${issue.message}` }
}

function providerError(detail: string): ApiError {
  return serverError('ai_provider_error', detail, 502)
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`
}

/** Undici wraps the socket error: "fetch failed" with the useful code (ECONNREFUSED…) in `cause`. */
function transportReason(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string') return cause.message
  return e instanceof Error ? e.message : String(e)
}

/** What the provider said about an error, short, and scrubbed of anything secret it may echo. */
function upstreamMessage(text: string, apiKey: string | null): string {
  let said = text
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown }
    const err = json.error as { message?: unknown } | string | undefined
    const candidate = typeof err === 'string' ? err : (err?.message ?? json.message ?? json.detail)
    if (typeof candidate === 'string') said = candidate
  } catch {
    // not JSON: keep the raw text
  }
  if (apiKey) said = said.split(apiKey).join('[REDACTED_API_KEY]')
  said = redactText(said.replace(/\s+/g, ' ').trim(), ALL_CLASSES)
  return said.length > 300 ? `${said.slice(0, 300)}…` : said
}
