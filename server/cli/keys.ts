import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createKeySchema } from '../http/routes/control'
import { Db } from '../store/db'
import { ensureDefaults } from '../store/environments'
import { createKey, listKeys, revokeKey, type ApiKey } from '../store/keys'

const USAGE = `Manage personal API keys.

  npm run keys -- create --scopes logs:read,logs:write [--label NAME] [--env 1,2] [--email you@example.com] [--name "First Last"]
  npm run keys -- list
  npm run keys -- revoke <key id or the start of its mask, e.g. phx_AbCd>

Scopes: logs:read, logs:write (implies read), * (everything). --env limits the key to those environments.
Options for every command: --data-dir DIR (default LOGDECK_DATA_DIR or .logdeck).
While the server runs, the change is made through it (it holds the store); otherwise the store is opened directly.`

interface Control {
  url: string
  token: string
}

async function viaServer<T>(control: Control, path: string, body?: unknown): Promise<T | null> {
  let res: Response
  try {
    res = await fetch(control.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-logdeck-control': control.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    return null // no server behind a stale control file: open the store ourselves
  }
  const json = (await res.json()) as T & { detail?: string }
  if (!res.ok) throw new Error(json.detail ?? `The server answered ${res.status}.`)
  return json
}

async function withDb<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open({ dataDir, memoryLimit: '256MB', readers: 1 })
  try {
    await ensureDefaults(db)
    return await fn(db)
  } finally {
    db.close()
  }
}

function printKey(k: ApiKey) {
  const envs = k.environmentIds ? k.environmentIds.join(',') : 'all'
  console.log(`${k.id}  ${k.mask}  scopes=${k.scopes.join(',')}  envs=${envs}  label=${k.label}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`)
}

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      scopes: { type: 'string' },
      label: { type: 'string' },
      env: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command, arg] = positionals
  if (values.help || !command) {
    console.log(USAGE)
    return
  }
  const dataDir = resolve(values['data-dir'] ?? process.env.LOGDECK_DATA_DIR ?? '.logdeck')
  const controlPath = join(dataDir, 'control.json')
  const control = existsSync(controlPath) ? (JSON.parse(readFileSync(controlPath, 'utf8')) as Control) : null

  if (command === 'create') {
    const parsed = createKeySchema.safeParse({
      label: values.label,
      scopes: (values.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      environmentIds: values.env ? values.env.split(',').map(Number) : null,
      ownerEmail: values.email,
      ownerName: values.name,
    })
    if (!parsed.success) throw new Error(`Bad options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${USAGE}`)
    const made =
      (control && (await viaServer<{ key: ApiKey; secret: string }>(control, '/_control/keys', parsed.data))) ??
      (await withDb(dataDir, (db) => createKey(db, parsed.data)))
    printKey(made.key)
    console.log(`\nYour new key (shown once, store it now):\n\n  ${made.secret}\n`)
  } else if (command === 'list') {
    const keys =
      (control && (await viaServer<{ keys: ApiKey[] }>(control, '/_control/keys')))?.keys ?? (await withDb(dataDir, (db) => listKeys(db)))
    if (keys.length === 0) console.log('No keys yet. Create one with: npm run keys -- create --scopes logs:read')
    keys.forEach(printKey)
  } else if (command === 'revoke') {
    if (!arg) throw new Error(`revoke needs a key id or mask prefix.\n\n${USAGE}`)
    const revoked =
      (control && (await viaServer<{ revoked: number }>(control, '/_control/keys/revoke', { id: arg })))?.revoked ??
      (await withDb(dataDir, (db) => revokeKey(db, arg)))
    console.log(revoked === 0 ? `No active key matches "${arg}".` : `Revoked ${revoked} key${revoked === 1 ? '' : 's'}.`)
    if (revoked === 0) process.exitCode = 1
  } else {
    throw new Error(`Unknown command "${command}".\n\n${USAGE}`)
  }
}

main().catch((e: Error) => {
  console.error(e.message)
  process.exit(1)
})
