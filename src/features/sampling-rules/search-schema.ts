import { z } from 'zod'

/** The editor's preview window: `?preview=7d`; the 24-hour default stays out of the URL. */
export const previewWindows = ['1h', '24h', '7d'] as const
export type PreviewWindow = (typeof previewWindows)[number]

export const ruleEditorSearchSchema = z.object({
  preview: z.enum(previewWindows).default('24h').catch('24h'),
})
export const ruleEditorSearchDefaults = { preview: '24h' } as const
