import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../store/db'
import { findKeyBySecret, keyAllows, type ApiKey } from '../store/keys'
import { ApiError } from './errors'
import type { Scope } from './api'

export interface Principal {
  userId: number | null
  keyId: string | null
  environmentIds: number[] | null
}

const CACHE_MS = 5_000

/**
 * Checks `Authorization: Bearer <personal API key>`. A presented key is always checked, whatever the
 * mode; without one, no-auth mode lets the request through as the local user and keys mode refuses.
 * Lookups are cached for a few seconds; revoking through the running server clears the cache at once.
 */
export class KeyAuthenticator {
  private cache = new Map<string, { key: ApiKey | null; at: number }>()
  constructor(private readonly db: Db) {}

  clear() {
    this.cache.clear()
  }

  private async lookup(secret: string): Promise<ApiKey | null> {
    const hit = this.cache.get(secret)
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.key
    const key = await findKeyBySecret(this.db, secret)
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(secret, { key, at: Date.now() })
    return key
  }

  async authenticate(header: string | undefined, scope: Scope, mode: 'none' | 'keys'): Promise<Principal> {
    if (header === undefined || header === '') {
      if (mode === 'none') return { userId: null, keyId: null, environmentIds: null }
      throw new ApiError(401, 'authentication_error', 'not_authenticated', 'Authentication credentials were not provided: send `Authorization: Bearer <personal API key>`.')
    }
    const m = /^Bearer\s+(\S{1,512})$/i.exec(header)
    if (!m) {
      throw new ApiError(401, 'authentication_error', 'authentication_failed', 'The Authorization header must be `Bearer <personal API key>`.')
    }
    const key = await this.lookup(m[1]!)
    if (!key) throw new ApiError(401, 'authentication_error', 'authentication_failed', 'Invalid or revoked personal API key.')
    if (!keyAllows(key.scopes, scope)) {
      const need = scope === 'read' ? 'logs:read' : 'logs:write'
      throw new ApiError(403, 'authentication_error', 'permission_denied', `This API key does not have the ${need} scope this action needs.`)
    }
    return { userId: key.userId, keyId: key.id, environmentIds: key.environmentIds }
  }
}

const LOOPBACK_NAMES = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i

/**
 * DNS-rebinding guard for no-auth mode: a page on evil.example that rebinds its name to 127.0.0.1
 * still sends `Host: evil.example`, so only loopback names may talk to an unauthenticated server.
 */
export function loopbackHostGuard(req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) {
  const host = req.headers.host ?? ''
  if (!LOOPBACK_NAMES.test(host)) {
    done(
      new ApiError(403, 'authentication_error', 'permission_denied', `Host "${host.slice(0, 100)}" is not a loopback name; this server runs without API keys and only answers to localhost. Start it with --auth keys to serve other hosts.`),
    )
    return
  }
  done()
}
