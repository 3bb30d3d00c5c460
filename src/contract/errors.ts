import { z } from 'zod'

/** The one error shape of the API (api.md §1). Every non-2xx answer has it. */
export const errorTypes = [
  'validation_error',
  'authentication_error',
  'invalid_request',
  'conflict',
  'throttled_error',
  'server_error',
] as const

export const apiErrorBodySchema = z.object({
  type: z.enum(errorTypes),
  code: z.string(),
  detail: z.string(),
  attr: z.string().nullable(),
})
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>

/** Joins a nested field path the way the contract names fields: `config__actions__DEBUG__rate`. */
export function attrPath(path: readonly PropertyKey[]): string | null {
  return path.length === 0 ? null : path.map(String).join('__')
}
