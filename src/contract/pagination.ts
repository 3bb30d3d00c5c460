import { z } from 'zod'

export const PAGE_DEFAULT_LIMIT = 100
export const PAGE_MAX_LIMIT = 1000

const intParam = (min: number, max: number, fallback: number) =>
  z
    .union([z.number(), z.string().regex(/^\d{1,9}$/, 'Expected a whole number.').transform(Number)])
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback)

export const pageParamsSchema = z.object({
  limit: intParam(1, PAGE_MAX_LIMIT, PAGE_DEFAULT_LIMIT),
  offset: intParam(0, 1_000_000_000, 0),
})
export type PageParams = z.infer<typeof pageParamsSchema>

export function paginatedSchema<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  })
}
export interface Paginated<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}
