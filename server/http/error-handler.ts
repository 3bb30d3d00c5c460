import type { FastifyError, FastifyInstance } from 'fastify'
import { ZodError } from 'zod'
import { ApiError, fromZodError, serverError } from './errors'

/** Maps every failure — ours, Fastify's, or an unexpected one — to the contract's one error shape. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof ZodError) return fromZodError(error)
  const e = error as Partial<FastifyError> & { status?: number }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'invalid_request', 'payload_too_large', 'The request body is larger than this server accepts.')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'invalid_request', 'unsupported_media_type', 'Unsupported Content-Type: send application/json or application/x-www-form-urlencoded.')
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'validation_error', 'parse_error', 'The Content-Length header does not match the body.')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'validation_error', 'parse_error', 'The request body is not valid JSON.')
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return new ApiError(400, 'invalid_request', 'invalid_input', 'The request URL is malformed.')
  }
  const status = e.statusCode ?? e.status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, status === 401 ? 'authentication_error' : 'invalid_request', 'invalid_input', e.message ?? 'Bad request.')
  }
  return serverError('error', 'Something went wrong on the server; it has been logged.')
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error, req, reply) => {
    const apiError = toApiError(error)
    if (apiError.status >= 500) req.log.error({ err: error }, 'request failed')
    reply.code(apiError.status).headers(apiError.headers).send(apiError.body())
  })
}
