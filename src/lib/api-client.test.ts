import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { server } from '@/test/server'
import { ApiError, apiClient, logsPath } from './api-client'
import { saveApiKey } from './api-key'

const path = logsPath(7, 'things')
const url = '*/api/environments/7/logs/things'
const schema = z.object({ name: z.string(), count: z.number() })

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('api client', () => {
  it('parses successful answers with the schema and sends JSON params and bodies', async () => {
    let seen: { auth: string | null; search: string; body: unknown } | undefined
    server.use(
      http.post(url, async ({ request }) => {
        seen = {
          auth: request.headers.get('authorization'),
          search: new URL(request.url).search,
          body: await request.json(),
        }
        return HttpResponse.json({ name: 'a', count: 1, extra: true })
      }),
    )
    saveApiKey('phx_secret')

    const result = await apiClient.post(path, schema, { query: { limit: 5 } }, { params: { dateRange: { date_from: '-1h' }, empty: undefined } })

    expect(result).toEqual({ name: 'a', count: 1 })
    expect(seen?.auth).toBe('Bearer phx_secret')
    expect(new URLSearchParams(seen?.search).get('dateRange')).toBe('{"date_from":"-1h"}')
    expect(new URLSearchParams(seen?.search).has('empty')).toBe(false)
    expect(seen?.body).toEqual({ query: { limit: 5 } })
  })

  it('sends no Authorization header without a key', async () => {
    let auth: string | null = 'unset'
    server.use(
      http.get(url, ({ request }) => {
        auth = request.headers.get('authorization')
        return HttpResponse.json({ name: 'a', count: 1 })
      }),
    )
    await apiClient.get(path, schema)
    expect(auth).toBeNull()
  })

  it('turns the contract error shape into a typed ApiError', async () => {
    server.use(
      http.post(url, () =>
        HttpResponse.json(
          { type: 'validation_error', code: 'min_value', detail: 'Ensure this value is at least 1.', attr: 'query__limit' },
          { status: 400 },
        ),
      ),
    )
    const error = await failure(apiClient.post(path, schema, {}))
    expect(error).toMatchObject({
      status: 400,
      type: 'validation_error',
      code: 'min_value',
      detail: 'Ensure this value is at least 1.',
      attr: 'query__limit',
    })
    expect(error.message).toBe('Ensure this value is at least 1.')
  })

  it('keeps the sentence of error bodies in other shapes (bare detail, plain string)', async () => {
    server.use(http.get(url, () => HttpResponse.json({ detail: 'Authentication credentials were not provided.' }, { status: 401 })))
    expect(await failure(apiClient.get(path, schema))).toMatchObject({
      status: 401,
      type: 'authentication_error',
      code: 'unexpected_error_body',
      detail: 'Authentication credentials were not provided.',
      attr: null,
    })

    server.use(http.get(url, () => HttpResponse.json('Rate limit exceeded', { status: 429 })))
    expect(await failure(apiClient.get(path, schema))).toMatchObject({ status: 429, type: 'throttled_error', detail: 'Rate limit exceeded' })
  })

  it('gives non-JSON error pages a readable detail with the status', async () => {
    server.use(
      http.get(url, () =>
        new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
      ),
    )
    const error = await failure(apiClient.get(path, schema))
    expect(error).toMatchObject({ status: 502, type: 'server_error', attr: null })
    expect(error.detail).toBe('GET /api/environments/7/logs/things failed with 502 Bad Gateway and a response that is not an API error.')

    server.use(http.get(url, () => new HttpResponse('upstream connect error', { status: 503 })))
    expect((await failure(apiClient.get(path, schema))).detail).toBe(
      'GET /api/environments/7/logs/things failed with 503 Service Unavailable: upstream connect error',
    )

    server.use(http.get(url, () => new HttpResponse(null, { status: 404 })))
    expect(await failure(apiClient.get(path, schema))).toMatchObject({
      status: 404,
      type: 'invalid_request',
      detail: 'GET /api/environments/7/logs/things failed with 404 Not Found.',
    })
  })

  it('reports answers that do not match the contract, and unreachable servers', async () => {
    server.use(http.get(url, () => HttpResponse.json({ name: 'a', count: 'many' })))
    const shape = await failure(apiClient.get(path, schema))
    expect(shape).toMatchObject({ status: 200, type: 'server_error', code: 'invalid_response', attr: 'count' })
    expect(shape.detail).toMatch(/^GET \/api\/environments\/7\/logs\/things answered with an unexpected shape at count: /)

    server.use(http.get(url, () => new HttpResponse('not json', { status: 200 })))
    expect(await failure(apiClient.get(path, schema))).toMatchObject({ code: 'invalid_response', detail: 'GET /api/environments/7/logs/things answered with something that is not JSON.' })

    server.use(http.get(url, () => HttpResponse.error()))
    const offline = await failure(apiClient.get(path, schema))
    expect(offline).toMatchObject({ status: 0, type: 'server_error', code: 'network_error' })
    expect(offline.detail).toMatch(/^Could not reach the server for GET \/api\/environments\/7\/logs\/things/)
  })

  it('lets cancellation through as an abort, not an ApiError', async () => {
    server.use(http.get(url, () => new Promise<never>(() => {})))
    const controller = new AbortController()
    const pending = apiClient.get(path, schema, { signal: controller.signal })
    controller.abort()
    const error = await pending.catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(ApiError)
    expect((error as Error).name).toBe('AbortError')
  })
})
