import { z } from 'zod'

/** "Explain a log with AI" (api.md, `logs/explainLogWithAI`): request, the model's answer, response. */

export const explainRequestSchema = z.object({
  /** Any 8-4-4-4-12 hex id: logs come from many producers, not all of them write RFC 9562 versions. */
  uuid: z.guid({ message: 'Must be a UUID.' }),
  /** ISO-8601 with seconds; sub-second digits and an offset are allowed. The log is looked up within ±1 s. */
  timestamp: z.iso.datetime({ offset: true, message: 'Must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z.' }),
  force_refresh: z.boolean().default(false),
})
export type ExplainRequest = z.input<typeof explainRequestSchema>
export type ParsedExplainRequest = z.output<typeof explainRequestSchema>

export const severityAssessments = ['ok', 'warning', 'error', 'critical'] as const
export const confidences = ['high', 'medium', 'low'] as const
export const actionPriorities = ['now', 'soon', 'later'] as const

const text = z.string().trim().min(1)

export const probableCauseSchema = z.object({
  hypothesis: text,
  confidence: z.enum(confidences),
  reasoning: text,
})

export const immediateActionSchema = z.object({
  action: text,
  priority: z.enum(actionPriorities),
  why: text,
})

export const keyFieldSchema = z.object({
  field: text,
  value: z.string(),
  significance: text,
  attribute_type: z.enum(['log', 'resource']),
})

/**
 * What the model must answer. Unknown keys are dropped rather than rejected: a model in plain JSON
 * mode sometimes adds a field, and that is no reason to fail an otherwise complete explanation.
 */
export const explanationSchema = z.object({
  /** The prompt asks for 5–10 words; only the length is enforced, word counts are the model's business. */
  headline: text.max(200),
  severity_assessment: z.enum(severityAssessments),
  impact_summary: text,
  probable_causes: z.array(probableCauseSchema).min(1).max(3),
  immediate_actions: z.array(immediateActionSchema).min(1).max(5),
  /** Markdown bullets. */
  technical_explanation: text,
  key_fields: z.array(keyFieldSchema),
})
export type Explanation = z.infer<typeof explanationSchema>

export const similarLogsSchema = z.object({
  /** The log's body with variable parts replaced by placeholders (see normalisePattern on the server). */
  pattern: z.string(),
  count_1h: z.number().int().nonnegative(),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
})
export type SimilarLogs = z.infer<typeof similarLogsSchema>

export const explainResponseSchema = z.object({
  uuid: z.string(),
  timestamp: z.string(),
  force_refresh: z.boolean(),
  ...explanationSchema.shape,
  cached: z.boolean(),
  /** When the explanation was generated (not when it was served). */
  generated_at: z.iso.datetime(),
  model: z.string(),
  similar: similarLogsSchema,
})
export type ExplainResponse = z.infer<typeof explainResponseSchema>

/**
 * The explanation as JSON Schema, for `response_format: json_schema` with `strict: true`. Written by
 * hand because strict structured output accepts only a subset of JSON Schema: every property
 * required, `additionalProperties: false`, and no length or count limits (those live in the
 * descriptions here and are enforced by `explanationSchema` on the answer).
 */
export const explanationJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'headline',
    'severity_assessment',
    'impact_summary',
    'probable_causes',
    'immediate_actions',
    'technical_explanation',
    'key_fields',
  ],
  properties: {
    headline: { type: 'string', description: 'What happened, in 5 to 10 words.' },
    severity_assessment: {
      type: 'string',
      enum: [...severityAssessments],
      description: 'How serious this log is for the service: ok, warning, error or critical.',
    },
    impact_summary: { type: 'string', description: 'One or two sentences on who or what is affected.' },
    probable_causes: {
      type: 'array',
      description: '1 to 3 hypotheses, most likely first.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['hypothesis', 'confidence', 'reasoning'],
        properties: {
          hypothesis: { type: 'string' },
          confidence: { type: 'string', enum: [...confidences] },
          reasoning: { type: 'string', description: 'Which evidence in the log supports it.' },
        },
      },
    },
    immediate_actions: {
      type: 'array',
      description: '1 to 5 concrete next steps, most urgent first.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['action', 'priority', 'why'],
        properties: {
          action: { type: 'string' },
          priority: { type: 'string', enum: [...actionPriorities] },
          why: { type: 'string' },
        },
      },
    },
    technical_explanation: { type: 'string', description: 'Markdown bullet points explaining the log in technical detail.' },
    key_fields: {
      type: 'array',
      description: 'The fields of this log that matter most, copied from the log.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'value', 'significance', 'attribute_type'],
        properties: {
          field: { type: 'string', description: 'The attribute key exactly as in the log, or "body".' },
          value: { type: 'string' },
          significance: { type: 'string' },
          attribute_type: {
            type: 'string',
            enum: ['log', 'resource'],
            description: '"resource" for a resource attribute, "log" for anything else.',
          },
        },
      },
    },
  },
} as const
