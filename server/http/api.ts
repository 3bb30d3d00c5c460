import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import type { Environment, EnvironmentDirectory } from '../store/environments'
import { LOCAL_USER_ID } from '../store/environments'
import type { KeyAuthenticator } from './auth'
import { ApiError, notFound } from './errors'

export type Scope = 'read' | 'write'
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Who is asking, for which environment: resolved before any handler runs. */
export interface RequestContext {
  env: Environment
  userId: number
  keyId: string | null
}

export interface ApiRoute {
  method: Method
  /** Path below `…/logs`, e.g. `/query` or `/sampling_rules/:id`. */
  url: string
  scope: Scope
  /** Default 200; explain answers 201 like the reference, create answers 201. */
  status?: number
  handler: (req: FastifyRequest, ctx: RequestContext, reply: FastifyReply) => Promise<unknown>
}

/** The contract serves every route under both prefixes. */
export const API_PREFIXES = ['/api/environments/:env_id/logs', '/api/projects/:env_id/logs'] as const
const ALL_METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

export interface ApiDeps {
  envs: EnvironmentDirectory
  keys: KeyAuthenticator
  authMode: 'none' | 'keys'
}

export async function resolveRequestContext(req: FastifyRequest, scope: Scope, deps: ApiDeps): Promise<RequestContext> {
  const principal = await deps.keys.authenticate(req.headers.authorization, scope, deps.authMode)
  const raw = (req.params as { env_id?: string }).env_id ?? ''
  const envId = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN
  const env = deps.envs.get(envId)
  if (!env) throw notFound(`Environment ${raw} does not exist.`)
  if (principal.environmentIds && !principal.environmentIds.includes(env.id)) {
    throw new ApiError(403, 'authentication_error', 'permission_denied', `This API key is not allowed to access environment ${env.id}.`)
  }
  return { env, userId: principal.userId ?? LOCAL_USER_ID, keyId: principal.keyId }
}

/** Registers routes under both prefixes, with auth, and a 405 for every method a path does not serve. */
export function registerApiRoutes(app: FastifyInstance, deps: ApiDeps, routes: ApiRoute[]) {
  const methodsByUrl = new Map<string, Set<Method>>()
  for (const route of routes) {
    const set = methodsByUrl.get(route.url) ?? new Set<Method>()
    set.add(route.method)
    methodsByUrl.set(route.url, set)
  }
  for (const prefix of API_PREFIXES) {
    for (const route of routes) {
      app.route({
        method: route.method,
        url: prefix + route.url,
        handler: async (req, reply) => {
          const ctx = await resolveRequestContext(req, route.scope, deps)
          const result = await route.handler(req, ctx, reply)
          if (reply.sent) return reply
          if (result === undefined) return reply.code(route.status ?? 204).send()
          return reply.code(route.status ?? 200).send(result)
        },
      })
    }
    for (const [url, methods] of methodsByUrl) {
      const others = ALL_METHODS.filter((m) => !methods.has(m))
      if (others.length === 0) continue
      const allowed = [...methods].join(', ')
      app.route({
        method: others as HTTPMethods[],
        url: prefix + url,
        handler: async (req, reply) => {
          reply.header('allow', allowed)
          throw new ApiError(405, 'invalid_request', 'method_not_allowed', `Method "${req.method}" not allowed here; use ${allowed}.`)
        },
      })
    }
  }
}
