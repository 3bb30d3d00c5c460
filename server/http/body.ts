import type { FastifyInstance } from 'fastify'
import { badRequest } from './errors'

/**
 * Form-encoded bodies (the reference's curl examples use `-d name=…`) carry only strings. These
 * fields are coerced to what the contract expects; anything that fails to coerce stays a string and
 * is rejected by the schema with a clear error, like any other bad value.
 */
const FORM_FIELD_KINDS: Record<string, 'boolean' | 'number' | 'json'> = {
  enabled: 'boolean',
  pinned: 'boolean',
  force_refresh: 'boolean',
  priority: 'number',
  version: 'number',
  position: 'number',
  config: 'json',
  scope_attribute_filters: 'json',
  ordered_ids: 'json',
  query: 'json',
  filters: 'json',
}

function coerce(field: string, raw: string): unknown {
  switch (FORM_FIELD_KINDS[field]) {
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw
    case 'number':
      return raw === 'null' ? null : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
    case 'json':
      try {
        return JSON.parse(raw)
      } catch {
        return raw
      }
    default:
      return raw
  }
}

export function parseFormBody(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null)
  for (const [key, value] of new URLSearchParams(text)) {
    const v = coerce(key, value)
    const prev = out[key]
    if (prev === undefined) out[key] = key === 'ordered_ids' && !Array.isArray(v) ? [v] : v
    else out[key] = Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  return { ...out }
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch (e) {
    throw badRequest(`The request body is not valid JSON: ${(e as Error).message}`, null, 'parse_error')
  }
}

/** JSON and form bodies for the API; any other content type is a 415 (Fastify's default). */
export function registerApiBodyParsers(app: FastifyInstance) {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as unknown as string))
    } catch (e) {
      done(e as Error, undefined)
    }
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseFormBody(body as unknown as string))
  })
}

/** The body as an object, or a 400 (a JSON array or string is not a request object). */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.')
  return body as Record<string, unknown>
}
