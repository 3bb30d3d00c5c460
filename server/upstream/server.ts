import type { FastifyInstance } from 'fastify'
import { BACKEND_INFO_PATH, type BackendInfo } from '../../src/contract/backend'
import type { Config, PosthogConfig } from '../config'
import { baseServer } from '../http/app'
import { ApiError } from '../http/errors'
import { registerStatic } from '../http/static'
import { registerProxyRoutes } from './proxy'

export interface RunningProxy {
  url: string
  server: FastifyInstance
  close(): Promise<void>
}

/** PostHog mode: the app and a forwarding Logs API; no embedded store, no ingestion. */
export async function startProxyServer(config: Config & { posthog: PosthogConfig }): Promise<RunningProxy> {
  const server = baseServer(config)
  const info: BackendInfo = { backend: 'posthog', host: new URL(config.posthog.host).hostname, default_environment_id: config.posthog.environmentId }
  server.get(BACKEND_INFO_PATH, async () => info)
  registerProxyRoutes(server, config.posthog)
  server.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/v1/logs',
    handler: async () => {
      throw new ApiError(404, 'invalid_request', 'not_found', 'Ingestion is off while Logdeck fronts PostHog: send OTLP logs to PostHog itself.')
    },
  })
  registerStatic(server, config.staticDir)
  await server.listen({ host: config.host, port: config.port })
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('The server is not listening on a TCP port.')
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    server,
    close: () => server.close(),
  }
}
