import { z } from 'zod'
import { levels } from './severity'

const stringMap = z.record(z.string(), z.string())

export const logRowSchema = z.object({
  uuid: z.string(),
  timestamp: z.string(),
  observed_timestamp: z.string().nullable(),
  severity_text: z.string(),
  severity_number: z.number(),
  level: z.enum(levels),
  service_name: z.string(),
  body: z.string(),
  attributes: stringMap,
  resource_attributes: stringMap,
  trace_id: z.string(),
  span_id: z.string(),
  event_name: z.string(),
})
export type LogRow = z.infer<typeof logRowSchema>

export const logsQueryResponseSchema = z.object({
  results: z.array(logRowSchema),
  hasMore: z.boolean(),
  nextCursor: z.string().nullable(),
})
export type LogsQueryResponse = z.infer<typeof logsQueryResponseSchema>

export const attributeTypeSchema = z.enum(['log', 'resource'])
export type AttributeType = z.infer<typeof attributeTypeSchema>

export const attributesResponseSchema = z.object({
  results: z.array(z.object({ name: z.string(), propertyFilterType: z.string() })),
  count: z.number().int(),
})
export type AttributesResponse = z.infer<typeof attributesResponseSchema>

export const valuesResponseSchema = z.object({
  results: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().optional() })),
  refreshing: z.boolean(),
})
export type ValuesResponse = z.infer<typeof valuesResponseSchema>

export const sparklinePointSchema = z.object({
  time: z.string(),
  severity: z.string().nullable(),
  service: z.string().nullable(),
  count: z.number(),
  bytes_uncompressed: z.number(),
})
export type SparklinePoint = z.infer<typeof sparklinePointSchema>

/** The reference wraps results; the real PostHog server answers a bare array. Accept both. */
export const sparklineResponseSchema = z
  .union([z.object({ results: z.array(sparklinePointSchema) }), z.array(sparklinePointSchema)])
  .transform((v) => (Array.isArray(v) ? { results: v } : v))
export type SparklineResponse = { results: SparklinePoint[] }

export const activeRuleSchema = z.object({ rule_id: z.string(), rule_name: z.string(), summary_string: z.string() })
export type ActiveRule = z.infer<typeof activeRuleSchema>

export const serviceRowSchema = z.object({
  service_name: z.string(),
  log_count: z.number(),
  error_count: z.number(),
  error_rate: z.number(),
  volume_share_pct: z.number(),
  severity_breakdown: z.object({ debug: z.number(), info: z.number(), warn: z.number(), error: z.number() }),
  active_rules: z.array(activeRuleSchema),
})
export type ServiceRow = z.infer<typeof serviceRowSchema>

export const servicesResponseSchema = z.object({
  services: z.array(serviceRowSchema),
  sparkline: z.array(z.object({ time: z.string(), service_name: z.string(), count: z.number() })),
  summary: z.object({ top_services_count: z.number(), top_services_volume_share_pct: z.number() }),
  /** Ours: how many services the window has in all (PostHog omits it, so it is optional). */
  total_services: z.number().optional(),
})
export type ServicesResponse = z.infer<typeof servicesResponseSchema>

export const NO_SERVICE = '(no service)'
export const OTHER_SERVICES = '(other)'
