import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../../context'
import { createKey, KEY_SCOPES, listKeys, revokeKey } from '../../store/keys'
import { ApiError } from '../errors'
import { parse } from '../parse'

export const createKeySchema = z.object({
  label: z.string().min(1).max(200).default('cli'),
  scopes: z.array(z.enum(KEY_SCOPES)).min(1),
  environmentIds: z.array(z.number().int().min(1)).nullable().default(null),
  ownerEmail: z.string().email().max(320).optional(),
  ownerName: z.string().max(200).optional(),
})

/**
 * Only one process may write the store, so while the server runs `npm run keys` asks it to make the
 * change. The CLI proves it may by reading a random token the server wrote to the data directory
 * (mode 0600), so only a local user who can read that directory can manage keys.
 */
export function registerControlRoutes(server: FastifyInstance, app: AppContext, token: string) {
  const expected = Buffer.from(token)
  server.register(async (scope) => {
    scope.addHook('onRequest', async (req) => {
      const given = Buffer.from(String(req.headers['x-logdeck-control'] ?? ''))
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ApiError(403, 'authentication_error', 'permission_denied', 'Control token missing or wrong.')
      }
    })
    scope.get('/_control/keys', async () => ({ keys: await listKeys(app.db) }))
    scope.post('/_control/keys', async (req) => {
      const opts = parse(createKeySchema, req.body)
      return createKey(app.db, opts)
    })
    scope.post('/_control/keys/revoke', async (req) => {
      const { id } = parse(z.object({ id: z.string().min(4).max(100) }), req.body)
      const revoked = await revokeKey(app.db, id)
      app.keys.clear()
      return { revoked }
    })
  })
}
