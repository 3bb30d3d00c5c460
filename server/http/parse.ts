import type { z } from 'zod'
import { resolveWindow } from '../../src/contract/dates'
import { badRequest, fromZodError } from './errors'

/** Parses with a contract schema; the first problem becomes a 400 naming the field. */
export function parse<S extends z.ZodType>(schema: S, data: unknown, prefix: (string | number)[] = []): z.output<S> {
  // reportInput lets the error tell a missing field (`required`) from a wrong one (`invalid_input`).
  const result = schema.safeParse(data, { reportInput: true })
  if (!result.success) throw fromZodError(result.error, prefix)
  return result.data
}

/** A query-string parameter that carries JSON (`dateRange`, `serviceNames`, `filterGroup`). */
export function jsonParam(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined
  if (typeof raw !== 'string') throw badRequest(`${name} must be given once, as JSON.`, name)
  try {
    return JSON.parse(raw)
  } catch {
    throw badRequest(`${name} is not valid JSON.`, name)
  }
}

export interface UsWindow {
  fromUs: number
  toUs: number
}

/** The query's window in µs, or a 400 on `dateRange` when it is empty or inverted. */
export function queryWindow(
  range: { date_from?: string | null; date_to?: string | null } | null | undefined,
  attr = 'dateRange__date_from',
  nowMs = Date.now(),
): UsWindow {
  const w = resolveWindow(range, nowMs)
  if (!w) throw badRequest(`${attr}: date_from must be before date_to.`, attr)
  return { fromUs: w.fromMs * 1000, toUs: w.toMs * 1000 }
}
