import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { PosthogConfig } from '../config'
import { ApiError } from '../http/errors'
import { normaliseError, normaliseStatus, normaliseSuccess, rewriteLinks, scrub } from './normalise'

const FORWARDED_HEADERS = ['content-type', 'accept', 'accept-language'] as const

/** The environment id and the endpoint path after `…/logs/` (no trailing slash). */
function parsePath(url: string): { envId: string; rest: string } | null {
  const m = /^\/api\/(?:environments|projects)\/([^/?]+)\/logs\/([^?]*?)\/?(?:\?.*)?$/.exec(url)
  return m ? { envId: m[1]!, rest: m[2]! } : null
}

function upstreamFailure(e: unknown, cfg: PosthogConfig): ApiError {
  const name = (e as Error).name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ApiError(504, 'server_error', 'upstream_timeout', `The PostHog host did not answer within ${Math.round(cfg.timeoutMs / 1000)} s.`)
  }
  return new ApiError(503, 'server_error', 'upstream_unavailable', 'Cannot reach the PostHog host; check POSTHOG_HOST and the network, then retry.')
}

/**
 * Forwards the browser's Logs API calls to a PostHog host with the personal API key added here —
 * the key never reaches the browser — and mends the answers into the contract's shapes.
 */
export function registerProxyRoutes(server: FastifyInstance, cfg: PosthogConfig) {
  const upstreamUrl = new URL(cfg.host)
  const secrets = [cfg.apiKey, cfg.host, upstreamUrl.host]
  server.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const parsed = parsePath(req.url)
      if (!parsed || !/^\d{1,12}$/.test(parsed.envId)) {
        throw new ApiError(404, 'invalid_request', 'not_found', `No route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}.`)
      }
      // The path goes as the browser sent it (PostHog's router takes routes with or without the slash).
      const target = cfg.host + req.url
      const headers: Record<string, string> = { authorization: `Bearer ${cfg.apiKey}` }
      for (const h of FORWARDED_HEADERS) {
        const v = req.headers[h]
        if (typeof v === 'string') headers[h] = v
      }
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : ((req.body as Buffer | undefined) ?? undefined)
      let res: Response
      try {
        res = await fetch(target, { method: req.method, headers, body: body as BodyInit | undefined, signal: AbortSignal.timeout(cfg.timeoutMs), redirect: 'manual' })
      } catch (e) {
        throw upstreamFailure(e, cfg)
      }
      let text: string
      try {
        text = await res.text()
      } catch (e) {
        throw upstreamFailure(e, cfg)
      }
      let json: unknown = text
      try {
        json = text === '' ? null : JSON.parse(text)
      } catch {
        /* a bare-string body: normalised below */
      }
      const path = parsed.rest
      if (res.status === 204) return reply.code(204).send()
      if (res.status >= 300) {
        let err = normaliseError(res.status, json)
        if (res.status === 401 || res.status >= 500 || (res.status >= 300 && res.status < 400)) {
          // The browser cannot fix the server's key or the host's failures: say what happened upstream.
          const what = res.status === 401 ? 'rejected POSTHOG_PERSONAL_API_KEY' : `answered ${res.status}`
          err = { type: 'server_error', code: 'upstream_error', detail: `The PostHog host ${what}: ${err.detail}`, attr: null }
          return reply.code(502).send(JSON.parse(scrub(JSON.stringify(err), secrets)))
        }
        return reply.code(res.status).send(JSON.parse(scrub(JSON.stringify(err), secrets)))
      }
      const ourOrigin = `${req.protocol}://${req.host}`
      const out = rewriteLinks(normaliseSuccess(path, json), upstreamUrl.pathname.replace(/\/+$/, ''), ourOrigin)
      reply.code(normaliseStatus(req.method, path, res.status)).type('application/json')
      return reply.send(scrub(JSON.stringify(out), secrets))
    }
    for (const prefix of ['/api/environments/:env_id/logs', '/api/projects/:env_id/logs']) {
      scope.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: `${prefix}/*`, handler })
    }
  })
}
