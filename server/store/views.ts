import { randomBytes, randomUUID } from 'node:crypto'
import type { View } from '../../src/contract/views'
import { Params, type Db, type Row } from './db'

const COLUMNS = `v.id::VARCHAR AS id, v.short_id, v.name, v.filters::VARCHAR AS filters, v.pinned, v.created_at, v.updated_at,
  u.id AS user_id, u.uuid::VARCHAR AS user_uuid, u.distinct_id, u.first_name, u.last_name, u.email`
const FROM = 'views v LEFT JOIN users u ON u.id = v.created_by'

function toView(r: Row): View {
  return {
    id: r.id as string,
    short_id: r.short_id as string,
    name: r.name as string,
    filters: JSON.parse(r.filters as string) as Record<string, unknown>,
    pinned: r.pinned as boolean,
    created_at: new Date(r.created_at as Date).toISOString(),
    updated_at: new Date(r.updated_at as Date).toISOString(),
    created_by:
      r.user_id === null || r.user_id === undefined
        ? null
        : {
            id: r.user_id as number,
            uuid: r.user_uuid as string,
            distinct_id: r.distinct_id as string,
            first_name: r.first_name as string,
            last_name: r.last_name as string,
            email: r.email as string,
          },
  }
}

/** 8 URL-safe characters (48 random bits). */
export function newShortId(): string {
  return randomBytes(6).toString('base64url')
}

export async function listViews(db: Db, envId: number, opts: { pinned?: boolean; limit: number; offset: number }) {
  const p = new Params()
  let where = `v.env_id = ${p.add(envId)} AND v.deleted_at IS NULL`
  if (opts.pinned !== undefined) where += ` AND v.pinned = ${p.add(opts.pinned)}`
  const rows = await db.all(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM ${FROM} WHERE ${where}
     ORDER BY v.created_at DESC, v.id DESC LIMIT ${p.add(opts.limit)} OFFSET ${p.add(opts.offset)}`,
    p,
  )
  let count = (rows[0]?.total as number | undefined) ?? 0
  if (rows.length === 0 && opts.offset > 0) count = ((await db.one(`SELECT count(*) AS n FROM ${FROM} WHERE ${where}`, p))?.n as number) ?? 0
  return { count, results: rows.map(toView) }
}

export async function getView(db: Db, envId: number, shortId: string): Promise<View | null> {
  const p = new Params()
  const row = await db.one(`SELECT ${COLUMNS} FROM ${FROM} WHERE v.env_id = ${p.add(envId)} AND v.short_id = ${p.add(shortId)} AND v.deleted_at IS NULL`, p)
  return row ? toView(row) : null
}

export async function createView(
  db: Db,
  envId: number,
  userId: number,
  v: { name: string; filters: Record<string, unknown>; pinned: boolean },
): Promise<View> {
  const shortId = await db.write(async (tx) => {
    // Deleted views keep their row, so a short_id is never handed out twice.
    for (;;) {
      const candidate = newShortId()
      const p = new Params()
      const taken = await tx.one(`SELECT 1 AS x FROM views WHERE short_id = ${p.add(candidate)}`, p)
      if (taken) continue
      const q = new Params()
      await tx.all(
        `INSERT INTO views (id, env_id, short_id, name, filters, pinned, created_by, created_at, updated_at)
         VALUES (${q.add(randomUUID())}::UUID, ${q.add(envId)}, ${q.add(candidate)}, ${q.add(v.name)}, ${q.add(JSON.stringify(v.filters))}::JSON,
                 ${q.add(v.pinned)}, ${q.add(userId)}, now()::TIMESTAMP, now()::TIMESTAMP)`,
        q,
      )
      return candidate
    }
  })
  return (await getView(db, envId, shortId))!
}

/** Writes the given fields; answers null when there is no such (live) view. */
export async function updateView(
  db: Db,
  envId: number,
  shortId: string,
  changes: { name?: string; filters?: Record<string, unknown>; pinned?: boolean },
): Promise<View | null> {
  const updated = await db.write(async (tx) => {
    const p = new Params()
    const set = ['updated_at = now()::TIMESTAMP']
    if (changes.name !== undefined) set.push(`name = ${p.add(changes.name)}`)
    if (changes.filters !== undefined) set.push(`filters = ${p.add(JSON.stringify(changes.filters))}::JSON`)
    if (changes.pinned !== undefined) set.push(`pinned = ${p.add(changes.pinned)}`)
    const rows = await tx.all(
      `UPDATE views SET ${set.join(', ')} WHERE env_id = ${p.add(envId)} AND short_id = ${p.add(shortId)} AND deleted_at IS NULL RETURNING short_id`,
      p,
    )
    return rows.length > 0
  })
  return updated ? getView(db, envId, shortId) : null
}

export async function deleteView(db: Db, envId: number, shortId: string): Promise<boolean> {
  return db.write(async (tx) => {
    const p = new Params()
    const rows = await tx.all(
      `UPDATE views SET deleted_at = now()::TIMESTAMP WHERE env_id = ${p.add(envId)} AND short_id = ${p.add(shortId)} AND deleted_at IS NULL RETURNING short_id`,
      p,
    )
    return rows.length > 0
  })
}
