import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { explanationJsonSchema, type Explanation } from '../../src/contract/explain'
import { ApiError } from '../http/errors'
import { FAKE_EXPLANATION, startFakeOpenAI, type FakeOpenAI } from '../test/support/fake-openai'
import { isAiConfigured, loadAiConfig, type ConfiguredAiConfig } from './config'
import type { ChatMessage } from './prompt'
import { createOpenAiProvider, parseExplanationContent } from './provider'

let ai: FakeOpenAI
beforeAll(async () => {
  ai = await startFakeOpenAI()
})
afterAll(async () => {
  await ai.close()
})
beforeEach(() => ai.reset())

const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You explain logs.' },
  { role: 'user', content: 'Explain this log.' },
]
const KEY = 'sk-test-0123456789abcdefghij'

function config(env: Record<string, string> = {}): ConfiguredAiConfig {
  const c = loadAiConfig({ AI_BASE_URL: ai.url, AI_MODEL: 'test-model', AI_TIMEOUT_MS: '5000', ...env })
  if (!isAiConfigured(c)) throw new Error('test config is not configured')
  return c
}

async function providerError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  const apiError = error as ApiError
  expect(apiError.status).toBe(502)
  expect(apiError.code).toBe('ai_provider_error')
  return apiError
}

const json = (i: number) => ai.calls[i]!.json as Record<string, unknown> & { response_format?: { type: string }; messages: ChatMessage[] }

describe('OpenAI-compatible provider', () => {
  it('posts a chat completion asking for strict structured output and returns the parsed explanation', async () => {
    const result = await createOpenAiProvider(config({ AI_API_KEY: KEY })).explain(MESSAGES)
    expect(result).toEqual({ explanation: FAKE_EXPLANATION, model: 'test-model' })
    expect(ai.calls).toHaveLength(1)
    const call = ai.calls[0]!
    expect(call.method).toBe('POST')
    expect(call.path).toBe('/v1/chat/completions')
    expect(call.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(call.json).toEqual({
      model: 'test-model',
      messages: MESSAGES,
      temperature: 0.2,
      response_format: { type: 'json_schema', json_schema: { name: 'log_explanation', schema: explanationJsonSchema, strict: true } },
    })
  })

  it('sends no Authorization header without a key, and reports the model the provider names', async () => {
    ai.script({ kind: 'valid', model: 'llama3.1:8b-instruct-q4' })
    const result = await createOpenAiProvider(config()).explain(MESSAGES)
    expect(result.model).toBe('llama3.1:8b-instruct-q4')
    expect(ai.calls[0]!.headers.authorization).toBeUndefined()
  })

  it('falls back to json_object when json_schema is refused, and remembers it for the next calls', async () => {
    const provider = createOpenAiProvider(config())
    ai.script({ kind: 'reject_json_schema' })
    await expect(provider.explain(MESSAGES)).resolves.toMatchObject({ explanation: FAKE_EXPLANATION })
    expect(ai.calls.map((_, i) => json(i).response_format?.type)).toEqual(['json_schema', 'json_object'])

    await provider.explain(MESSAGES)
    expect(ai.calls).toHaveLength(3)
    expect(json(2).response_format).toEqual({ type: 'json_object' })
  })

  it('drops response_format altogether when the provider refuses json_object too', async () => {
    ai.script([
      { kind: 'error', status: 400, message: "'response_format' json_schema is not supported" },
      { kind: 'error', status: 400, message: "'response_format' json_object is not supported" },
    ])
    await createOpenAiProvider(config()).explain(MESSAGES)
    expect(ai.calls).toHaveLength(3)
    expect(json(2)).not.toHaveProperty('response_format')
  })

  it('does not mistake any other 400 for a format problem', async () => {
    ai.script({ kind: 'error', status: 400, message: 'context length exceeded' })
    const error = await providerError(createOpenAiProvider(config()).explain(MESSAGES))
    expect(error.message).toMatch(/refused the request \(HTTP 400\): context length exceeded/)
    expect(ai.calls).toHaveLength(1)
  })

  it('accepts an answer wrapped in a ```json fence', async () => {
    ai.script({ kind: 'valid', fenced: true })
    await expect(createOpenAiProvider(config()).explain(MESSAGES)).resolves.toMatchObject({ explanation: FAKE_EXPLANATION })
  })

  it('asks again once after an invalid answer, saying what was wrong', async () => {
    ai.script([{ kind: 'content', content: '{"headline": "truncated' }])
    await expect(createOpenAiProvider(config()).explain(MESSAGES)).resolves.toMatchObject({ explanation: FAKE_EXPLANATION })
    expect(ai.calls).toHaveLength(2)
    const retry = json(1).messages
    expect(retry.slice(0, 2)).toEqual(MESSAGES)
    expect(retry[2]).toEqual({ role: 'assistant', content: '{"headline": "truncated' })
    expect(retry[3]!.content).toMatch(/not valid \(the answer is not JSON\)/)
  })

  it('gives up after two invalid answers with a 502 that says what was wrong', async () => {
    const noCauses = { ...FAKE_EXPLANATION, probable_causes: [] }
    ai.script([
      { kind: 'content', content: 'I cannot help with that.' },
      { kind: 'content', content: JSON.stringify(noCauses) },
    ])
    const error = await providerError(createOpenAiProvider(config()).explain(MESSAGES))
    expect(error.message).toMatch(/answered 2 times with something that is not a valid explanation \(probable_causes: /)
    expect(ai.calls).toHaveLength(2)
  })

  it.each([
    [401, KEY, /rejected the API key \(HTTP 401\)\. Check AI_API_KEY/],
    [403, KEY, /rejected the API key \(HTTP 403\)/],
    [401, '', /requires an API key \(HTTP 401\)\. Set AI_API_KEY/],
    [404, '', /answered 404: .*Check AI_BASE_URL \(it usually ends in \/v1\) and AI_MODEL/],
    [429, '', /rate limiting or out of quota \(HTTP 429\)/],
    [500, '', /failed \(HTTP 500\): Fake provider error 500/],
    [503, '', /failed \(HTTP 503\)/],
  ])('maps HTTP %i to a 502 a user can act on', async (status, key, message) => {
    ai.script({ kind: 'error', status })
    const error = await providerError(createOpenAiProvider(config(key ? { AI_API_KEY: key } : {})).explain(MESSAGES))
    expect(error.message).toMatch(message)
    expect(error.message).toContain(new URL(ai.url).host)
    expect(ai.calls).toHaveLength(1) // HTTP errors are not retried
  })

  it('never repeats the API key or a secret the provider echoes back', async () => {
    ai.script({ kind: 'error', status: 500, message: `bad request from key ${KEY} with header Bearer abc123def456` })
    const error = await providerError(createOpenAiProvider(config({ AI_API_KEY: KEY })).explain(MESSAGES))
    expect(error.message).not.toContain(KEY)
    expect(error.message).not.toContain('abc123def456')
    expect(error.message).toContain('[REDACTED_')
  })

  it('reports a provider that is not running', async () => {
    const gone = await startFakeOpenAI()
    await gone.close()
    const c = config()
    const error = await providerError(createOpenAiProvider({ ...c, baseUrl: gone.url }).explain(MESSAGES))
    expect(error.message).toBe(
      `Could not reach the AI provider at ${new URL(gone.url).host} (ECONNREFUSED). Check AI_BASE_URL and that the provider is running.`,
    )
  })

  it('gives up at the deadline', async () => {
    ai.script({ kind: 'slow', delayMs: 5000 })
    const started = performance.now()
    const error = await providerError(createOpenAiProvider(config({ AI_TIMEOUT_MS: '300' })).explain(MESSAGES))
    expect(error.message).toBe('The AI provider did not answer within 0.3 s.')
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('parseExplanationContent', () => {
  const text = JSON.stringify(FAKE_EXPLANATION)

  it.each([
    ['plain JSON', text],
    ['a ```json fence', '```json\n' + text + '\n```'],
    ['a bare ``` fence', '```\n' + text + '\n```'],
    ['a <think> block first', `<think>The user wants {json}.</think>\n${text}`],
    ['a sentence around it', `Here is the explanation:\n${text}\nHope this helps!`],
  ])('accepts %s', (_name, content) => {
    expect(parseExplanationContent(content)).toEqual({ explanation: FAKE_EXPLANATION })
  })

  it('drops keys the schema does not know', () => {
    const result = parseExplanationContent(JSON.stringify({ ...FAKE_EXPLANATION, mood: 'calm' }))
    expect(result).toEqual({ explanation: FAKE_EXPLANATION })
  })

  const broken = (patch: Partial<Record<keyof Explanation, unknown>>) => JSON.stringify({ ...FAKE_EXPLANATION, ...patch })
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['no JSON here', /not JSON/],
    ['{"headline": ', /not JSON/],
    ['{}', /^headline: /],
    [broken({ severity_assessment: 'meh' }), /^severity_assessment: /],
    [broken({ probable_causes: Array(4).fill(FAKE_EXPLANATION.probable_causes[0]) }), /^probable_causes: /],
    [broken({ immediate_actions: [] }), /^immediate_actions: /],
    [broken({ headline: 'x'.repeat(201) }), /^headline: /],
    [broken({ key_fields: [{ field: 'a', value: 'b', significance: 'c', attribute_type: 'span' }] }), /^key_fields\.0\.attribute_type: /],
  ])('rejects %j', (content, problem) => {
    const result = parseExplanationContent(content)
    expect(result).toHaveProperty('problem')
    expect((result as { problem: string }).problem).toMatch(problem)
  })
})
