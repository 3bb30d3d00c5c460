import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify'
import { BACKEND_INFO_PATH, type BackendInfo } from '../../src/contract/backend'
import type { Config } from '../config'
import type { AppContext } from '../context'
import { registerApiRoutes, type ApiRoute } from './api'
import { loopbackHostGuard } from './auth'
import { registerApiBodyParsers } from './body'
import { installErrorHandling, toApiError } from './error-handler'
import { ApiError } from './errors'
import { registerControlRoutes } from './routes/control'
import { registerIngestRoutes } from './routes/ingest'
import { logRoutes } from './routes/logs'
import { ruleRoutes } from './routes/rules'
import { viewRoutes } from './routes/views'
import { explainRoutes } from './routes/explain'
import { registerStatic } from './static'

/** Fastify with what every listener shares: the error shape for every failure, 404s, the host guard. */
export function baseServer(config: Config): FastifyInstance {
  const server = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    forceCloseConnections: true,
    // A URL that cannot be decoded and an HTTP message Node cannot parse get the error shape too.
    frameworkErrors: (error, _req, reply) => {
      const e = toApiError(error)
      void (reply as FastifyReply).code(e.status).send(e.body())
    },
    clientErrorHandler: (error, socket) => {
      const overflow = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW'
      const status = overflow ? 431 : 400
      const body = JSON.stringify({
        type: 'invalid_request',
        code: overflow ? 'headers_too_large' : 'parse_error',
        detail: overflow ? 'The request line or headers are too large.' : 'The HTTP request could not be parsed.',
        attr: null,
      })
      if (socket.writable) {
        socket.end(`HTTP/1.1 ${status} ${overflow ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
      } else socket.destroy(error)
    },
  })
  installErrorHandling(server)
  server.setNotFoundHandler((req, reply) => {
    const e = new ApiError(404, 'invalid_request', 'not_found', `No route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}.`)
    reply.code(404).send(e.body())
  })
  if (config.auth === 'none') server.addHook('onRequest', loopbackHostGuard)
  return server
}

/** The main server: the API, OTLP ingestion and the built app, on one port. */
export function buildServer(app: AppContext, controlToken: string): FastifyInstance {
  const server = baseServer(app.config)
  const routes: ApiRoute[] = [...logRoutes(app), ...viewRoutes(app), ...ruleRoutes(app), ...explainRoutes(app)]
  const info: BackendInfo = { backend: 'embedded', default_environment_id: 1 }
  server.get(BACKEND_INFO_PATH, async () => info)
  server.register(async (api) => {
    registerApiBodyParsers(api)
    registerApiRoutes(api, { envs: app.envs, keys: app.keys, authMode: app.config.auth }, routes)
    registerControlRoutes(api, app, controlToken)
  })
  registerIngestRoutes(server, app)
  registerStatic(server, app.config.staticDir)
  return server
}

/** The OpenTelemetry-default listener (4318): ingestion only. */
export function buildOtlpServer(app: AppContext): FastifyInstance {
  const server = baseServer(app.config)
  registerIngestRoutes(server, app)
  return server
}
