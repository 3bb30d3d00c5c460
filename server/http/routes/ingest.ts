import { promisify } from 'node:util'
import { gunzip, inflate } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context'
import { OtlpDecodeError, type OtlpEncoding } from '../../ingest/otlp'
import { IngestOverloadedError } from '../../ingest/pipeline'
import { ApiError, badRequest } from '../errors'

const gunzipAsync = promisify(gunzip)
const inflateAsync = promisify(inflate)

const ENCODINGS: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
}

const tooLarge = () => new ApiError(413, 'invalid_request', 'payload_too_large', 'The OTLP payload is larger than this server accepts; send smaller batches.')

async function inflateBody(body: Buffer, encoding: string | undefined, limit: number): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase()
  if (enc === 'identity' || enc === '') return body
  const opts = { maxOutputLength: limit }
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return await gunzipAsync(body, opts)
    if (enc === 'deflate') return await inflateAsync(body, opts)
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge()
    throw badRequest(`The body is not valid ${enc} data.`, null, 'parse_error')
  }
  throw new ApiError(415, 'invalid_request', 'unsupported_media_type', `Content-Encoding "${enc}" is not supported; use gzip or none.`)
}

/** Project token → environment; the OTLP exporter sends it as a bearer token. */
function environmentFor(app: AppContext, authorization: string | undefined) {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1]
  if (!token) {
    throw new ApiError(401, 'authentication_error', 'not_authenticated', 'Send the project token: `Authorization: Bearer <project token>` (printed when the server starts).')
  }
  const env = app.envs.byProjectToken(token)
  if (!env) throw new ApiError(401, 'authentication_error', 'authentication_failed', 'Unknown project token.')
  return env
}

/**
 * Hands a whole payload to the pipeline (decoded on a worker thread); resolves once the rows are
 * durable. Used by the HTTP route and by the demo generator, so demo data takes exactly the path
 * real clients take.
 */
export async function ingestPayload(app: AppContext, envId: number, body: Buffer, encoding: OtlpEncoding) {
  try {
    return await app.pipeline.ingestPayload(envId, body, encoding)
  } catch (e) {
    if (e instanceof OtlpDecodeError) throw badRequest(`Malformed OTLP payload: ${e.message}`, e.path, 'parse_error')
    if (e instanceof IngestOverloadedError) {
      throw new ApiError(503, 'server_error', 'overloaded', e.message, null, { 'retry-after': '1' })
    }
    throw e
  }
}

/** `POST /v1/logs` (OTLP/HTTP): registered on the main port and on the OTLP port. */
export function registerIngestRoutes(server: FastifyInstance, app: AppContext) {
  server.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: app.config.maxIngestBytes }, (_req, body, done) => done(null, body))
    scope.post('/v1/logs', async (req, reply) => {
      const env = environmentFor(app, req.headers.authorization)
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
      const encoding = ENCODINGS[type]
      if (!encoding) {
        throw new ApiError(415, 'invalid_request', 'unsupported_media_type', 'OTLP/HTTP takes application/x-protobuf or application/json.')
      }
      const raw = (req.body as Buffer | undefined) ?? Buffer.alloc(0)
      const body = await inflateBody(raw, req.headers['content-encoding'] as string | undefined, app.config.maxIngestBytes)
      await ingestPayload(app, env.id, body, encoding)
      // Sampling drops are intentional, not rejections: the OTLP answer is a plain success.
      if (encoding === 'protobuf') return reply.type('application/x-protobuf').send(Buffer.alloc(0))
      return reply.type('application/json').send({})
    })
    scope.route({
      method: ['GET', 'PUT', 'PATCH', 'DELETE'],
      url: '/v1/logs',
      handler: async (req, reply) => {
        reply.header('allow', 'POST')
        throw new ApiError(405, 'invalid_request', 'method_not_allowed', `Method "${req.method}" not allowed here; use POST.`)
      },
    })
  })
}
