import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { User } from '../../src/contract/views'
import { Params, type Db, type Tx } from './db'

export const KEY_SCOPES = ['logs:read', 'logs:write', '*'] as const
export type KeyScope = (typeof KEY_SCOPES)[number]

export interface ApiKey {
  id: string
  label: string
  userId: number
  mask: string
  scopes: KeyScope[]
  environmentIds: number[] | null
  createdAt: string
  revokedAt: string | null
}

/** Keys are stored as SHA-256 of the secret: a leaked store does not leak usable keys. */
export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function keyAllows(scopes: readonly string[], need: 'read' | 'write'): boolean {
  if (scopes.includes('*') || scopes.includes('logs:write')) return true
  return need === 'read' && scopes.includes('logs:read')
}

function toKey(r: Record<string, unknown>): ApiKey {
  return {
    id: r.id as string,
    label: r.label as string,
    userId: r.user_id as number,
    mask: r.mask as string,
    scopes: r.scopes as KeyScope[],
    environmentIds: (r.environment_ids as number[] | null) ?? null,
    createdAt: new Date(r.created_at as Date).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at as Date).toISOString() : null,
  }
}

const KEY_COLUMNS = 'id::VARCHAR AS id, label, user_id, mask, scopes, environment_ids, created_at, revoked_at'

export async function findKeyBySecret(db: Db, secret: string): Promise<ApiKey | null> {
  const p = new Params()
  const row = await db.one(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE secret_hash = ${p.add(hashKey(secret))} AND revoked_at IS NULL`, p)
  return row ? toKey(row) : null
}

async function ensureUser(tx: Tx, email: string | undefined, name: string | undefined): Promise<number> {
  if (!email) return 1
  const p = new Params()
  const found = await tx.one(`SELECT id FROM users WHERE email = ${p.add(email)}`, p)
  if (found) return found.id as number
  const next = await tx.one('SELECT coalesce(max(id), 0) + 1 AS id FROM users')
  const [first = email.split('@')[0]!, ...rest] = (name ?? '').split(' ').filter(Boolean)
  const q = new Params()
  await tx.all(
    `INSERT INTO users VALUES (${q.add(next!.id as number)}, ${q.add(randomUUID())}::UUID, ${q.add(email)}, ${q.add(first)}, ${q.add(rest.join(' '))}, ${q.add(email)})`,
    q,
  )
  return next!.id as number
}

export async function createKey(
  db: Db,
  opts: { label: string; scopes: KeyScope[]; environmentIds: number[] | null; ownerEmail?: string; ownerName?: string },
): Promise<{ key: ApiKey; secret: string }> {
  const secret = `phx_${randomBytes(30).toString('base64url')}`
  const id = randomUUID()
  await db.write(async (tx) => {
    const userId = await ensureUser(tx, opts.ownerEmail, opts.ownerName)
    const p = new Params()
    const scopes = `[${opts.scopes.map((s) => p.add(s)).join(', ')}]::VARCHAR[]`
    const envs = opts.environmentIds ? `[${opts.environmentIds.map((e) => p.add(e)).join(', ')}]::INTEGER[]` : 'NULL'
    await tx.all(
      `INSERT INTO api_keys (id, label, user_id, secret_hash, mask, scopes, environment_ids)
       VALUES (${p.add(id)}::UUID, ${p.add(opts.label)}, ${p.add(userId)}, ${p.add(hashKey(secret))}, ${p.add(`${secret.slice(0, 8)}…${secret.slice(-4)}`)}, ${scopes}, ${envs})`,
      p,
    )
  })
  const p = new Params()
  const row = await db.one(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = ${p.add(id)}::UUID`, p)
  return { key: toKey(row!), secret }
}

export async function listKeys(db: Db): Promise<ApiKey[]> {
  return (await db.all(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at`)).map(toKey)
}

/** Revokes by id or by mask prefix; answers how many keys it revoked. */
export async function revokeKey(db: Db, idOrPrefix: string): Promise<number> {
  return db.write(async (tx) => {
    const p = new Params()
    const rows = await tx.all(
      `UPDATE api_keys SET revoked_at = current_timestamp WHERE revoked_at IS NULL AND (id::VARCHAR = ${p.add(idOrPrefix)} OR mask LIKE ${p.add(`${idOrPrefix.replace(/[\\%_]/g, (c) => '\\' + c)}%`)} ESCAPE '\\') RETURNING id`,
      p,
    )
    return rows.length
  })
}

export async function getUser(db: Db, id: number): Promise<User | null> {
  const p = new Params()
  const r = await db.one(`SELECT id, uuid::VARCHAR AS uuid, distinct_id, first_name, last_name, email FROM users WHERE id = ${p.add(id)}`, p)
  return r ? (r as unknown as User) : null
}
