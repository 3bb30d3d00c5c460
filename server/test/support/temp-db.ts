import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Db } from '../../store/db'

export interface TempDb {
  db: Db
  dir: string
  /** Closes the store (as it is now: a test may have reopened it) and removes its directory. */
  remove(): void
}

/** A store in a fresh temporary directory, for tests of the store modules. */
export async function openTempDb(prefix: string, readers = 2): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), `logdeck-${prefix}-`))
  const t: TempDb = {
    db: await Db.open({ dataDir: dir, memoryLimit: '256MB', readers }),
    dir,
    remove() {
      t.db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return t
}
