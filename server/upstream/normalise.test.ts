import { describe, expect, it } from 'vitest'
import { normaliseError, normaliseStatus, normaliseSuccess, rewriteLinks, scrub } from './normalise'

describe('normalising PostHog answers', () => {
  it('turns every error body PostHog sends into the one error shape', () => {
    expect(normaliseError(404, 'Not found.')).toEqual({ type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null })
    expect(normaliseError(500, { error: 'boom' })).toEqual({ type: 'server_error', code: 'error', detail: 'boom', attr: null })
    expect(normaliseError(403, { detail: 'You do not have permission.' })).toEqual({ type: 'authentication_error', code: 'permission_denied', detail: 'You do not have permission.', attr: null })
    expect(normaliseError(400, { type: 'validation_error', code: 'required', detail: 'This field is required.', attr: 'name' })).toEqual({ type: 'validation_error', code: 'required', detail: 'This field is required.', attr: 'name' })
    expect(normaliseError(429, null)).toEqual({ type: 'throttled_error', code: 'throttled', detail: 'The PostHog host answered 429.', attr: null })
    expect(normaliseError(418, [1, 2]).type).toBe('invalid_request')
  })

  it('wraps bare arrays where the reference wraps results', () => {
    expect(normaliseSuccess('sparkline', [{ count: 1 }])).toEqual({ results: [{ count: 1 }] })
    expect(normaliseSuccess('sparkline', { results: [] })).toEqual({ results: [] })
    expect(normaliseSuccess('sampling_rules/reorder', [{ id: 'a' }])).toEqual({ count: 1, next: null, previous: null, results: [{ id: 'a' }] })
    expect(normaliseSuccess('query', [1])).toEqual([1])
  })

  it('answers explain with 201 and nothing else changes status', () => {
    expect(normaliseStatus('POST', 'explainLogWithAI', 200)).toBe(201)
    expect(normaliseStatus('POST', 'query', 200)).toBe(200)
  })

  it('points pagination links at us, whatever host the upstream used', () => {
    const body = { count: 3, next: 'https://internal.example:8443/base/api/environments/2/logs/views/?limit=1&offset=1', previous: null, results: [] }
    expect(rewriteLinks(body, '/base', 'http://localhost:8000')).toEqual({ ...body, next: 'http://localhost:8000/api/environments/2/logs/views/?limit=1&offset=1' })
    expect(rewriteLinks({ next: 'not a url' }, '', 'http://x')).toEqual({ next: null, previous: null })
    expect(rewriteLinks([1], '', 'http://x')).toEqual([1])
  })

  it('scrubs secrets out of text', () => {
    expect(scrub('key phx_abc at https://h.example', ['phx_abc', 'https://h.example'])).toBe('key [redacted] at [redacted]')
    expect(scrub('nothing', [''])).toBe('nothing')
  })
})
