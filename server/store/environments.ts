import { randomBytes, randomUUID } from 'node:crypto'
import { Params, type Db } from './db'

export interface Environment {
  id: number
  name: string
  projectToken: string
}

export function newProjectToken(): string {
  return `phc_${randomBytes(24).toString('base64url')}`
}

/** The local user that owns what is made in no-auth mode. */
export const LOCAL_USER_ID = 1

/** Environment 1 and the local user exist from the first start on. */
export async function ensureDefaults(db: Db): Promise<void> {
  await db.write(async (tx) => {
    const env = await tx.one('SELECT id FROM environments WHERE id = 1')
    if (!env) {
      const p = new Params()
      await tx.all(`INSERT INTO environments (id, name, project_token) VALUES (1, 'Default', ${p.add(newProjectToken())})`, p)
    }
    const user = await tx.one(`SELECT id FROM users WHERE id = ${LOCAL_USER_ID}`)
    if (!user) {
      const p = new Params()
      await tx.all(
        `INSERT INTO users VALUES (${LOCAL_USER_ID}, ${p.add(randomUUID())}::UUID, 'local', 'Local', 'user', 'local@logdeck.invalid')`,
        p,
      )
    }
  })
}

/** Environments change rarely and are read on every request: keep them in memory. */
export class EnvironmentDirectory {
  private byId = new Map<number, Environment>()
  private byToken = new Map<string, Environment>()
  constructor(private readonly db: Db) {}

  async load(): Promise<void> {
    const rows = await this.db.all('SELECT id, name, project_token FROM environments ORDER BY id')
    this.byId.clear()
    this.byToken.clear()
    for (const r of rows) {
      const env = { id: r.id as number, name: r.name as string, projectToken: r.project_token as string }
      this.byId.set(env.id, env)
      this.byToken.set(env.projectToken, env)
    }
  }
  get(id: number): Environment | undefined {
    return this.byId.get(id)
  }
  byProjectToken(token: string): Environment | undefined {
    return this.byToken.get(token)
  }
  all(): Environment[] {
    return [...this.byId.values()]
  }
  async create(name: string): Promise<Environment> {
    const env = await this.db.write(async (tx) => {
      const row = await tx.one('SELECT coalesce(max(id), 0) + 1 AS id FROM environments')
      const p = new Params()
      const e = { id: row!.id as number, name, projectToken: newProjectToken() }
      await tx.all(`INSERT INTO environments (id, name, project_token) VALUES (${p.add(e.id)}, ${p.add(name)}, ${p.add(e.projectToken)})`, p)
      return e
    })
    await this.load()
    return env
  }
}
