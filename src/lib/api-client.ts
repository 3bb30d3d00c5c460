import type { z } from 'zod'
import { apiErrorBodySchema, attrPath, type ApiErrorBody } from '@/contract/errors'
import { getApiKey } from './api-key'

/**
 * The one fetch client of the app: base URL, the optional API key as a bearer token, every
 * response parsed with its contract schema, and every failure turned into an `ApiError`.
 */

export type ApiErrorType = ApiErrorBody['type']

export interface ApiErrorInit {
  status: number
  type: ApiErrorType
  code: string
  detail: string
  attr: string | null
}

export class ApiError extends Error {
  readonly status: number
  readonly type: ApiErrorType
  readonly code: string
  readonly detail: string
  readonly attr: string | null

  constructor(init: ApiErrorInit) {
    super(init.detail)
    this.name = 'ApiError'
    this.status = init.status
    this.type = init.type
    this.code = init.code
    this.detail = init.detail
    this.attr = init.attr
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** 401 and 403 mean the key is missing, wrong, or lacks a scope. */
export function isAuthError(error: unknown): error is ApiError {
  return isApiError(error) && (error.status === 401 || error.status === 403)
}

/** Where the API lives; empty means the page's own origin (the dev server proxies `/api`). */
export const apiBaseUrl: string = import.meta.env.VITE_API_BASE_URL ?? ''

/** `logsPath(1, 'services')` → `/api/environments/1/logs/services`. */
export function logsPath(environmentId: number, path: string): string {
  return `/api/environments/${environmentId}/logs/${path}`
}

type ParamValue = string | number | boolean | null | undefined | object

export interface RequestOptions {
  /** Query string; objects and arrays are sent as JSON, as the API expects for `dateRange` & co. */
  params?: Record<string, ParamValue>
  body?: unknown
  signal?: AbortSignal
}

function buildUrl(path: string, params: RequestOptions['params']): URL {
  const url = new URL(apiBaseUrl + path, window.location.origin)
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue
    url.searchParams.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
  }
  return url
}

function typeForStatus(status: number): ApiErrorType {
  if (status === 400) return 'validation_error'
  if (status === 401 || status === 403) return 'authentication_error'
  if (status === 409) return 'conflict'
  if (status === 429) return 'throttled_error'
  if (status >= 500 || status === 0) return 'server_error'
  return 'invalid_request'
}

function describeStatus(response: Response): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
}

/** Pulls a human sentence out of an error body that does not have the contract's shape. */
function looseDetail(body: unknown): string | null {
  if (typeof body === 'string' && body.trim()) return body.trim()
  if (typeof body !== 'object' || body === null) return null
  for (const key of ['detail', 'message', 'error']) {
    const value = (body as Record<string, unknown>)[key]
    if (typeof value === 'string' && value.trim()) return value.trim()
  }
  return null
}

/** Turns any non-2xx response into an ApiError, whatever its body looks like. */
async function errorFromResponse(response: Response, what: string): Promise<ApiError> {
  const status = response.status
  const text = await response.text().catch(() => '')
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    // Not JSON: handled below as plain text.
  }
  const parsed = apiErrorBodySchema.safeParse(body)
  if (parsed.success) return new ApiError({ status, ...parsed.data })

  const fallback = { status, type: typeForStatus(status), code: 'unexpected_error_body', attr: null }
  const detail = looseDetail(body)
  if (detail) return new ApiError({ ...fallback, detail })
  const plain = text.trim()
  const isShortText = plain.length > 0 && plain.length <= 200 && !/[<>]/.test(plain)
  return new ApiError({
    ...fallback,
    detail: isShortText
      ? `${what} failed with ${describeStatus(response)}: ${plain}`
      : `${what} failed with ${describeStatus(response)}${plain ? ' and a response that is not an API error' : ''}.`,
  })
}

async function request<S extends z.ZodType>(method: string, path: string, schema: S | null, options: RequestOptions = {}): Promise<z.output<S>> {
  const url = buildUrl(path, options.params)
  const what = `${method} ${url.pathname}`
  const headers: Record<string, string> = { Accept: 'application/json' }
  const key = getApiKey()
  if (key) headers.Authorization = `Bearer ${key}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if (options.signal?.aborted) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new ApiError({
      status: 0,
      type: 'server_error',
      code: 'network_error',
      detail: `Could not reach the server for ${what} (${reason}). Check that it is running and reachable.`,
      attr: null,
    })
  }

  if (!response.ok) throw await errorFromResponse(response, what)
  if (schema === null || response.status === 204) return undefined as z.output<S>

  const invalid = (detail: string, attr: string | null = null) =>
    new ApiError({ status: response.status, type: 'server_error', code: 'invalid_response', detail, attr })
  let json: unknown
  try {
    json = await response.json()
  } catch {
    throw invalid(`${what} answered with something that is not JSON.`)
  }
  const result = schema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]
    const attr = issue ? attrPath(issue.path) : null
    throw invalid(`${what} answered with an unexpected shape${attr ? ` at ${attr}` : ''}: ${issue?.message ?? 'invalid'}.`, attr)
  }
  return result.data
}

export const apiClient = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: Omit<RequestOptions, 'body'>) =>
    request('GET', path, schema, options),
  post: <S extends z.ZodType>(path: string, schema: S, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request('POST', path, schema, { ...options, body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request('PATCH', path, schema, { ...options, body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request('PUT', path, schema, { ...options, body }),
  delete: async (path: string, options?: Omit<RequestOptions, 'body'>): Promise<void> => {
    await request('DELETE', path, null, options)
  },
}
