import { describe, expect, it } from 'vitest'
import { AiConfigError, isAiConfigured, loadAiConfig, notConfiguredError, parseRedact } from './config'

describe('loadAiConfig', () => {
  it('has the documented defaults and is not configured without a provider', () => {
    const config = loadAiConfig({})
    expect(config).toMatchObject({ baseUrl: null, model: null, apiKey: null, timeoutMs: 60_000, rateLimitPerMin: 30 })
    expect([...config.redact].sort()).toEqual(['apikey', 'bearer', 'card', 'email', 'ip', 'url_password'])
    expect(isAiConfigured(config)).toBe(false)
  })

  it('needs both AI_BASE_URL and AI_MODEL; the key is optional', () => {
    expect(isAiConfigured(loadAiConfig({ AI_BASE_URL: 'http://127.0.0.1:11434/v1' }))).toBe(false)
    expect(isAiConfigured(loadAiConfig({ AI_MODEL: 'llama3.1' }))).toBe(false)
    const config = loadAiConfig({ AI_BASE_URL: 'http://127.0.0.1:11434/v1/', AI_MODEL: ' llama3.1 ', AI_API_KEY: '' })
    expect(isAiConfigured(config)).toBe(true)
    expect(config).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', apiKey: null })
  })

  it('reads the numbers', () => {
    expect(loadAiConfig({ AI_TIMEOUT_MS: '1500', AI_RATE_LIMIT_PER_MIN: '5' })).toMatchObject({ timeoutMs: 1500, rateLimitPerMin: 5 })
  })

  it.each([
    [{ AI_BASE_URL: 'not a url' }, /AI_BASE_URL is not a URL/],
    [{ AI_BASE_URL: 'ftp://host/v1' }, /http\(s\)/],
    [{ AI_BASE_URL: 'https://user:secret@host/v1' }, /must not contain credentials/],
    [{ AI_TIMEOUT_MS: '0' }, /AI_TIMEOUT_MS must be a whole number/],
    [{ AI_TIMEOUT_MS: '1.5' }, /AI_TIMEOUT_MS/],
    [{ AI_RATE_LIMIT_PER_MIN: 'many' }, /AI_RATE_LIMIT_PER_MIN/],
  ])('refuses %o', (env, message) => {
    expect(() => loadAiConfig(env)).toThrow(AiConfigError)
    expect(() => loadAiConfig(env)).toThrow(message)
  })
})

describe('parseRedact (AI_REDACT)', () => {
  const sorted = (raw: string | undefined) => [...parseRedact(raw)].sort()

  it.each([
    [undefined, ['apikey', 'bearer', 'card', 'email', 'ip', 'url_password']],
    ['', ['apikey', 'bearer', 'card', 'email', 'ip', 'url_password']],
    ['-ip', ['apikey', 'bearer', 'card', 'email', 'url_password']],
    [' -IP , -card ', ['apikey', 'bearer', 'email', 'url_password']],
    // naming personal-data classes selects exactly those; secrets stay on
    ['email,card', ['apikey', 'bearer', 'card', 'email', 'url_password']],
    ['none', ['apikey', 'bearer', 'url_password']],
    ['bearer', ['apikey', 'bearer', 'card', 'email', 'ip', 'url_password']],
    ['-url_password', ['apikey', 'bearer', 'card', 'email', 'ip']],
    ['none,-bearer,-apikey,-url_password', []],
  ])('%o → %o', (raw, expected) => {
    expect(sorted(raw)).toEqual(expected)
  })

  it('refuses unknown names and contradictions instead of guessing', () => {
    expect(() => parseRedact('emial')).toThrow(/unknown class "emial"/)
    expect(() => parseRedact('-none')).toThrow(AiConfigError)
    expect(() => parseRedact('ip,-ip')).toThrow(/both on and off/)
  })
})

describe('notConfiguredError', () => {
  it('is a 503 ai_not_configured naming what is missing, what to set, and an example', () => {
    const error = notConfiguredError(loadAiConfig({}))
    expect(error.status).toBe(503)
    expect(error.body()).toMatchObject({ type: 'server_error', code: 'ai_not_configured', attr: null })
    expect(error.message).toContain('AI_BASE_URL and AI_MODEL are not set')
    for (const name of ['AI_BASE_URL', 'AI_MODEL', 'AI_API_KEY', 'https://api.openai.com/v1', '11434']) expect(error.message).toContain(name)
  })

  it('names only the missing variable', () => {
    expect(notConfiguredError(loadAiConfig({ AI_BASE_URL: 'http://127.0.0.1:8080/v1' })).message).toContain('(AI_MODEL is not set)')
  })
})
