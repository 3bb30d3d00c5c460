import { z } from 'zod'
import { DEFAULT_FROM, timeRangeSearchSchema } from './time-range'

/**
 * Search params of the root route, shared by every page: the environment and the time range.
 * Each field falls back to its default when the URL holds garbage; defaults stay out of the URL.
 */
const DEFAULT_ENVIRONMENT_ID = 1

export const globalSearchSchema = timeRangeSearchSchema.extend({
  env: z.number().int().min(1).max(2_147_483_647).default(DEFAULT_ENVIRONMENT_ID).catch(DEFAULT_ENVIRONMENT_ID),
})
export type GlobalSearch = z.output<typeof globalSearchSchema>

export const globalSearchDefaults = { env: DEFAULT_ENVIRONMENT_ID, from: DEFAULT_FROM }

/** The params every navigation carries over unless it sets them itself. */
export const globalSearchKeys = ['env', 'from', 'to'] as const
