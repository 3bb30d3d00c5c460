import { z } from 'zod'
import { servicesResponseSchema, type ServicesResponse } from '@/contract/logs'

/*
 * The services answer holds every service of the window (5,000 and more), and zod runs jitless
 * under the app's CSP (see lib/zod-config.ts): checking such an answer with the contract schema
 * took 50–100 ms of the first page load, between the answer arriving and the first rows. These
 * plain checks accept exactly what `servicesResponseSchema` accepts and take about a millisecond;
 * an answer they reject goes through the schema itself, so the error (message and path) is the
 * schema's. Unlike the schema they do not strip keys the contract does not name.
 */

type Obj = Record<string, unknown>
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isString = (v: unknown): v is string => typeof v === 'string'

function isActiveRule(v: unknown): boolean {
  return isObject(v) && isString(v.rule_id) && isString(v.rule_name) && isString(v.summary_string)
}

function isServiceRow(v: unknown): boolean {
  if (!isObject(v)) return false
  const mix = v.severity_breakdown
  return (
    isString(v.service_name) &&
    isNumber(v.log_count) &&
    isNumber(v.error_count) &&
    isNumber(v.error_rate) &&
    isNumber(v.volume_share_pct) &&
    isObject(mix) &&
    isNumber(mix.debug) &&
    isNumber(mix.info) &&
    isNumber(mix.warn) &&
    isNumber(mix.error) &&
    Array.isArray(v.active_rules) &&
    v.active_rules.every(isActiveRule)
  )
}

function isSparklinePoint(v: unknown): boolean {
  return isObject(v) && isString(v.time) && isString(v.service_name) && isNumber(v.count)
}

export function isServicesResponse(v: unknown): v is ServicesResponse {
  if (!isObject(v)) return false
  const { services, sparkline, summary, total_services } = v
  return (
    Array.isArray(services) &&
    services.every(isServiceRow) &&
    Array.isArray(sparkline) &&
    sparkline.every(isSparklinePoint) &&
    isObject(summary) &&
    isNumber(summary.top_services_count) &&
    isNumber(summary.top_services_volume_share_pct) &&
    (total_services === undefined || isNumber(total_services))
  )
}

/** `servicesResponseSchema`, with the plain checks first. */
export const servicesAnswerSchema = z.unknown().transform((value, ctx): ServicesResponse => {
  if (isServicesResponse(value)) return value
  const parsed = servicesResponseSchema.safeParse(value)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: value })
  return z.NEVER
})
