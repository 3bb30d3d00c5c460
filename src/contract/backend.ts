import { z } from 'zod'

/** `GET /api/logdeck/backend` (ours): which backend the server fronts, so the UI can say so. */
export const backendInfoSchema = z.discriminatedUnion('backend', [
  z.object({ backend: z.literal('embedded'), default_environment_id: z.number() }),
  z.object({ backend: z.literal('posthog'), host: z.string(), default_environment_id: z.number() }),
])
export type BackendInfo = z.infer<typeof backendInfoSchema>

export const BACKEND_INFO_PATH = '/api/logdeck/backend'
