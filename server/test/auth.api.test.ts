import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config'
import { createKey, revokeKey } from '../store/keys'
import { startTestServer, type TestServer } from './support/server'

const V = '/api/environments/1/logs/views'
const Q = '/api/environments/1/logs/query'
/** fetch() will not send a Host of our choosing, so the rebinding test speaks HTTP itself. */
function withHost(base: string, host: string): Promise<{ status: number; body: string }> {
  const u = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: Q, method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end('{}')
  })
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` })

describe('keys mode', () => {
  let s: TestServer
  let read: string
  let write: string
  let star: string
  let env2Only: string
  beforeAll(async () => {
    s = await startTestServer({ auth: 'keys' })
    read = (await createKey(s.ctx.db, { label: 'r', scopes: ['logs:read'], environmentIds: null })).secret
    write = (await createKey(s.ctx.db, { label: 'w', scopes: ['logs:write'], environmentIds: null, ownerEmail: 'ada@example.com', ownerName: 'Ada Lovelace' })).secret
    star = (await createKey(s.ctx.db, { label: 's', scopes: ['*'], environmentIds: null })).secret
    const env2 = await s.ctx.envs.create('two')
    env2Only = (await createKey(s.ctx.db, { label: 'e2', scopes: ['*'], environmentIds: [env2.id] })).secret
  })
  afterAll(async () => {
    await s?.stop()
  })

  it('requires a key and says why when it is missing or wrong', async () => {
    const none = await s.api(Q, { body: {} })
    expect(none.status).toBe(401)
    expect(none.body).toMatchObject({ type: 'authentication_error', code: 'not_authenticated' })
    const malformed = await s.api(Q, { body: {}, headers: { authorization: 'Token abc' } })
    expect(malformed.status).toBe(401)
    expect(malformed.body.code).toBe('authentication_failed')
    const unknown = await s.api(Q, { body: {}, headers: bearer('phx_not-a-key') })
    expect(unknown.status).toBe(401)
    expect(unknown.body.code).toBe('authentication_failed')
  })

  it('enforces scopes: read reads, write (and *) write', async () => {
    expect((await s.api(Q, { body: {}, headers: bearer(read) })).status).toBe(200)
    const denied = await s.api(V, { body: { name: 'nope' }, headers: bearer(read) })
    expect(denied.status).toBe(403)
    expect(denied.body).toMatchObject({ type: 'authentication_error', code: 'permission_denied' })
    expect(denied.body.detail).toMatch(/logs:write/)
    const made = await s.api(V, { body: { name: 'mine' }, headers: bearer(write) })
    expect(made.status).toBe(201)
    expect(made.body.created_by).toMatchObject({ email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' })
    expect((await s.api(Q, { body: {}, headers: bearer(write) })).status).toBe(200)
    expect((await s.api(V, { body: { name: 'star' }, headers: bearer(star) })).status).toBe(201)
  })

  it("refuses a key on another environment's data", async () => {
    const r = await s.api(Q, { body: {}, headers: bearer(env2Only) })
    expect(r.status).toBe(403)
    expect(r.body.code).toBe('permission_denied')
  })

  it('stops accepting a key once it is revoked', async () => {
    const { key, secret } = await createKey(s.ctx.db, { label: 'temp', scopes: ['*'], environmentIds: null })
    expect((await s.api(Q, { body: {}, headers: bearer(secret) })).status).toBe(200)
    expect(await revokeKey(s.ctx.db, key.id)).toBe(1)
    s.ctx.keys.clear()
    expect((await s.api(Q, { body: {}, headers: bearer(secret) })).status).toBe(401)
  })

  it('stores keys hashed, never in clear', async () => {
    const rows = await s.ctx.db.all('SELECT secret_hash, mask FROM api_keys')
    for (const secret of [read, write, star]) {
      expect(rows.some((r) => r.secret_hash === secret || String(r.mask).includes(secret))).toBe(false)
    }
  })
})

describe('no-auth mode', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await startTestServer()
  })
  afterAll(async () => {
    await s?.stop()
  })

  it('lets loopback requests in as the local user, but still checks a presented key', async () => {
    expect((await s.api(Q, { body: {} })).status).toBe(200)
    const bad = await s.api(Q, { body: {}, headers: bearer('phx_forged') })
    expect(bad.status).toBe(401)
    const { secret } = await createKey(s.ctx.db, { label: 'r', scopes: ['logs:read'], environmentIds: null })
    expect((await s.api(V, { body: { name: 'x' }, headers: bearer(secret) })).status).toBe(403)
  })

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    const port = new URL(s.url).port
    for (const host of ['evil.example', `evil.example:${port}`, '10.0.0.5', 'localhost.evil.example']) {
      const r = await withHost(s.url, host)
      expect(r.status, host).toBe(403)
      expect(JSON.parse(r.body).code).toBe('permission_denied')
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      expect((await withHost(s.url, host)).status, host).toBe(200)
    }
  })
})

describe('start-up configuration', () => {
  it('refuses a non-loopback address without keys mode, and accepts it with keys', () => {
    expect(() => loadConfig(['--host', '0.0.0.0'], {})).toThrow(ConfigError)
    expect(() => loadConfig([], { LOGDECK_HOST: '192.168.1.4' })).toThrow(/--auth keys/)
    expect(loadConfig(['--host', '0.0.0.0', '--auth', 'keys'], {}).auth).toBe('keys')
    expect(loadConfig([], {}).host).toBe('127.0.0.1')
    expect(loadConfig([], {}).port).toBe(8000)
    expect(loadConfig(['--no-otlp'], {}).otlpPort).toBeNull()
    expect(() => loadConfig(['--port', 'eighty'], {})).toThrow(ConfigError)
  })
})
