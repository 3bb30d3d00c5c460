import { z } from 'zod'
import { viewFiltersSchema } from './query'
import { paginatedSchema } from './pagination'

export const userSchema = z.object({
  id: z.number(),
  uuid: z.string(),
  distinct_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
})
export type User = z.infer<typeof userSchema>

export const viewSchema = z.object({
  id: z.string(),
  short_id: z.string(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  pinned: z.boolean(),
  created_at: z.string(),
  created_by: userSchema.nullable(),
  updated_at: z.string(),
})
export type View = z.infer<typeof viewSchema>
export const viewListSchema = paginatedSchema(viewSchema)

const nameSchema = z
  .string()
  .max(400)
  .refine((s) => s.trim().length > 0, { message: 'This field may not be blank.', params: { code: 'blank' } })

/** Create/replace body. Server-owned fields (`id`, `short_id`, `created_by`, timestamps) are dropped. */
export const viewCreateSchema = z.object({
  name: nameSchema,
  filters: viewFiltersSchema.default({}),
  pinned: z.boolean().default(false),
})
export type ViewCreate = z.input<typeof viewCreateSchema>
export const viewPatchSchema = z.object({
  name: nameSchema.optional(),
  filters: viewFiltersSchema.optional(),
  pinned: z.boolean().optional(),
})
export type ViewPatch = z.input<typeof viewPatchSchema>
