import { createHash } from 'node:crypto'
import { Params, type Db, type Reader } from './db'

/**
 * The enabled rule sets an environment has run, each as its rules' meanings in evaluation order
 * (engine.ts `ruleMeaning`). A log stores the id of the set it was evaluated against and the
 * position of the first rule of it that resolved the log (`logs.rule_set`, `logs.resolver`), so a
 * simulation behind rules that open such a set can read that position instead of re-evaluating them.
 */

/** `logs.resolver` when no rule of the set resolved the log. */
export const NO_RESOLVER = 65535
/** Sets longer than this are not recorded: positions must fit below NO_RESOLVER. */
const MAX_TAGGED_RULES = NO_RESOLVER - 1
/** `logs.rule_set` of logs evaluated against no recorded set (stored before schema 3, or a set too long). */
export const NO_RULE_SET = 0

const digestOf = (meanings: readonly string[]) => createHash('sha256').update(JSON.stringify(meanings)).digest('hex')

/** The id of the set with these meanings, recorded on first use; the same meanings always get the same id. */
export async function ruleSetId(db: Db, envId: number, meanings: readonly string[]): Promise<number> {
  if (meanings.length > MAX_TAGGED_RULES) return NO_RULE_SET
  const digest = digestOf(meanings)
  return db.write(async (tx) => {
    const p = new Params()
    const found = await tx.one(`SELECT id FROM rule_sets WHERE env_id = ${p.add(envId)} AND digest = ${p.add(digest)}`, p)
    if (found) return found.id as number
    const next = Number((await tx.one('SELECT coalesce(max(id), 0) + 1 AS id FROM rule_sets'))!.id)
    const q = new Params()
    await tx.all(`INSERT INTO rule_sets (id, env_id, digest, meanings) VALUES (${q.add(next)}, ${q.add(envId)}, ${q.add(digest)}, ${q.add(JSON.stringify(meanings))})`, q)
    return next
  })
}

/**
 * The recorded sets of an environment whose first rules have exactly these meanings, in order: for
 * a log tagged with one of them, "no rule ahead resolves it" is `resolver >= ahead.length`.
 */
export async function ruleSetsStartingWith(db: Reader, envId: number, ahead: readonly string[]): Promise<number[]> {
  const p = new Params()
  const rows = await db.all(`SELECT id, meanings::VARCHAR AS meanings FROM rule_sets WHERE env_id = ${p.add(envId)} ORDER BY id`, p)
  return rows
    .filter((r) => {
      const meanings = JSON.parse(r.meanings as string) as string[]
      return meanings.length >= ahead.length && ahead.every((m, i) => meanings[i] === m)
    })
    .map((r) => r.id as number)
}
