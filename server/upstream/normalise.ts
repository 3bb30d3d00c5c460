import type { ApiErrorBody } from '../../src/contract/errors'

/**
 * What a real PostHog host answers differently from the contract, mended so the app works
 * unchanged: bare arrays where the reference wraps results, 200 where the reference says 201,
 * error bodies that are bare strings or `{error}` instead of the one error shape, and absolute
 * pagination links that point at the upstream host.
 */

const TYPE_BY_STATUS: Record<number, ApiErrorBody['type']> = {
  400: 'validation_error',
  401: 'authentication_error',
  403: 'authentication_error',
  404: 'invalid_request',
  405: 'invalid_request',
  409: 'conflict',
  413: 'invalid_request',
  415: 'invalid_request',
  429: 'throttled_error',
}
const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_input',
  401: 'authentication_failed',
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'throttled',
}

const str = (v: unknown) => (typeof v === 'string' ? v : null)

/** Any error body PostHog may send, as the contract's error shape. */
export function normaliseError(status: number, body: unknown): ApiErrorBody {
  const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'invalid_request')
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'error' : 'invalid_input')
  if (typeof body === 'string') return { type, code, detail: body.trim() || `The PostHog host answered ${status}.`, attr: null }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>
    const detail = str(b.detail) ?? str(b.error) ?? str(b.message) ?? `The PostHog host answered ${status}.`
    const knownType = typeof b.type === 'string' && Object.values(TYPE_BY_STATUS).concat('server_error').includes(b.type as ApiErrorBody['type'])
    return {
      type: knownType ? (b.type as ApiErrorBody['type']) : type,
      code: str(b.code) ?? code,
      detail,
      attr: str(b.attr),
    }
  }
  return { type, code, detail: `The PostHog host answered ${status}.`, attr: null }
}

/** Successful bodies per endpoint (`path` is the part after `…/logs/`, without a trailing slash). */
export function normaliseSuccess(path: string, body: unknown): unknown {
  if (path === 'sparkline' && Array.isArray(body)) return { results: body }
  if (path === 'sampling_rules/reorder' && Array.isArray(body)) return { count: body.length, next: null, previous: null, results: body }
  return body
}

/** The reference answers explain with 201; a host that says 200 means the same. */
export function normaliseStatus(method: string, path: string, status: number): number {
  if (method === 'POST' && path === 'explainLogWithAI' && status === 200) return 201
  return status
}

/**
 * Pagination links name the upstream host; the browser must get links to us, never the upstream's
 * address, whatever host the upstream put in them. `basePath` is the path part of POSTHOG_HOST.
 */
export function rewriteLinks(body: unknown, basePath: string, ourOrigin: string): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body
  const b = body as Record<string, unknown>
  const fix = (v: unknown) => {
    if (typeof v !== 'string') return v
    let u: URL
    try {
      u = new URL(v)
    } catch {
      return null
    }
    const path = basePath && u.pathname.startsWith(basePath) ? u.pathname.slice(basePath.length) : u.pathname
    return ourOrigin + path + u.search
  }
  if (!('next' in b) && !('previous' in b)) return body
  return { ...b, next: fix(b.next) ?? null, previous: fix(b.previous) ?? null }
}

/** Removes the upstream's credentials and address from any text the browser will see. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]')
  return out
}
