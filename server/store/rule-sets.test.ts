import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Db } from './db'
import { ruleSetId, ruleSetsStartingWith } from './rule-sets'

let dir: string
let db: Db
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-rule-sets-'))
  db = await Db.open({ dataDir: dir, memoryLimit: '256MB' })
})
afterAll(() => {
  db?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('rule sets', () => {
  it('gives the same meanings the same id, per environment, and new meanings a new one', async () => {
    const ab = await ruleSetId(db, 1, ['a', 'b'])
    expect(await ruleSetId(db, 1, ['a', 'b'])).toBe(ab)
    const ba = await ruleSetId(db, 1, ['b', 'a'])
    const otherEnv = await ruleSetId(db, 2, ['a', 'b'])
    const empty = await ruleSetId(db, 1, [])
    expect(new Set([ab, ba, otherEnv, empty]).size).toBe(4)
    expect(Math.min(ab, ba, otherEnv, empty)).toBeGreaterThan(0)
  })

  it('finds exactly the sets of the environment that open with the given meanings, in order', async () => {
    const a = await ruleSetId(db, 3, ['a'])
    const ab = await ruleSetId(db, 3, ['a', 'b'])
    const abc = await ruleSetId(db, 3, ['a', 'b', 'c'])
    await ruleSetId(db, 3, ['a', 'c'])
    await ruleSetId(db, 3, ['b', 'a', 'b'])
    await ruleSetId(db, 4, ['a', 'b'])
    expect(await ruleSetsStartingWith(db, 3, ['a', 'b'])).toEqual([ab, abc])
    expect(await ruleSetsStartingWith(db, 3, ['a'])).toEqual(expect.arrayContaining([a, ab, abc]))
    expect(await ruleSetsStartingWith(db, 3, ['a'])).toHaveLength(4)
    expect(await ruleSetsStartingWith(db, 3, ['a', 'b', 'c', 'd'])).toEqual([])
    expect(await ruleSetsStartingWith(db, 5, [])).toEqual([])
  })
})
