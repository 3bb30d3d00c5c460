import type { ZodError } from 'zod'
import { attrPath, type ApiErrorBody } from '../../src/contract/errors'

/** An error that becomes one answer in the contract's error shape. Throw it anywhere below a route. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ApiErrorBody['type'],
    readonly code: string,
    detail: string,
    readonly attr: string | null = null,
    /** Extra headers for the answer (e.g. Retry-After on 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail)
  }

  body(): ApiErrorBody {
    return { type: this.type, code: this.code, detail: this.message, attr: this.attr }
  }
}

export const badRequest = (detail: string, attr: string | null = null, code = 'invalid_input') =>
  new ApiError(400, 'validation_error', code, detail, attr)
export const notFound = (detail = 'Not found.') => new ApiError(404, 'invalid_request', 'not_found', detail)
export const conflict = (detail: string) => new ApiError(409, 'conflict', 'stale_version', detail)
export const serverError = (code: string, detail: string, status = 500) =>
  new ApiError(status, 'server_error', code, detail)
export const throttled = (detail: string, retryAfterSeconds: number) =>
  new ApiError(429, 'throttled_error', 'throttled', detail, null, { 'retry-after': String(retryAfterSeconds) })

/** The first zod issue, named the way the contract names fields. */
export function fromZodError(error: ZodError, prefix: (string | number)[] = []): ApiError {
  const issue = error.issues[0]
  if (!issue) return badRequest('Invalid input.')
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]
  const attr = attrPath(path)
  const code = zodIssueCode(issue)
  const where = attr ? `${attr}: ` : ''
  const detail = code === 'required' ? `${where}This field is required.` : `${where}${issue.message}`
  return badRequest(detail, attr, code)
}

function zodIssueCode(issue: ZodError['issues'][number]): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_input'
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'blank' : 'min_length'
      if (issue.origin === 'array') return 'min_length'
      return 'min_value'
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') return 'max_length'
      return 'max_value'
    case 'invalid_value':
      return 'invalid_choice'
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code
      return typeof code === 'string' ? code : 'invalid_input'
    }
    default:
      return 'invalid_input'
  }
}
