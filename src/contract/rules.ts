import { z } from 'zod'
import { dateInputSchema } from './dates'
import { paginatedSchema } from './pagination'
import { filterGroupSchema, isFilterGroup, type FilterGroup } from './query'
import { checkRegex } from './regex'

/**
 * Sampling rules (api.md "Sampling rules"). Request schemas validate what PostHog merely stores, so
 * a rule that is accepted can always be compiled by the engine; every problem carries the path that
 * `fromZodError` turns into the contract's `attr` (`config__actions__DEBUG__rate`). Shared by the
 * server and the browser, so nothing here may touch Node APIs.
 */

export const ruleTypes = ['severity_sampling', 'path_drop', 'rate_limit'] as const
export type RuleType = (typeof ruleTypes)[number]
export const ruleTypeSchema = z.enum(ruleTypes)

export const sampledLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const
export type SampledLevel = (typeof sampledLevels)[number]

export const scopeAttributeOps = ['eq', 'ne', 'exists', 'not_exists', 'regex'] as const
export type ScopeAttributeOp = (typeof scopeAttributeOps)[number]
export const predicateOps = ['exists', 'eq', 'ne'] as const
export type PredicateOp = (typeof predicateOps)[number]

export const RULE_NAME_MAX = 255
export const SCOPE_SERVICE_MAX = 512
const KEY_MAX = 512
const VALUE_MAX = 4096
const LIST_MAX = 100
export const RATE_MAX = 1_000_000
export const BURST_MAX = 10_000_000
/** A rate limit without an explicit burst allows this many seconds' worth at once. */
export const DEFAULT_BURST_FACTOR = 3

type Shape = Record<string, z.ZodType>

/**
 * An object that rejects unknown keys with an issue AT the key (`config__foo`), which zod's own
 * strict mode does not do (it reports the parent object).
 */
function strictObject<S extends Shape>(shape: S) {
  return z.preprocess((input, ctx) => {
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      for (const key of Object.keys(input)) {
        if (!Object.hasOwn(shape, key)) ctx.addIssue({ code: 'custom', path: [key], message: `Unknown field "${key}".`, input })
      }
    }
    return input
  }, z.object(shape))
}

/** A zod issue that `fromZodError` reports as `required`. */
function required(ctx: z.RefinementCtx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message, params: { code: 'required' } })
}

export const regexSchema = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((pattern, ctx) => {
    const problem = checkRegex(pattern)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const keySchema = z.string().min(1).max(KEY_MAX)
/** Attribute values are strings; a number sent by a client means its decimal text. */
const attrValueSchema = z.union([z.string().max(VALUE_MAX), z.number().refine(Number.isFinite)]).transform(String)

/** Drops groups without a leaf, which the SQL side treats as "no condition" too. */
function pruneGroup(group: FilterGroup): FilterGroup | undefined {
  const values: FilterGroup['values'] = []
  for (const node of group.values) {
    if (!isFilterGroup(node)) values.push(node)
    else {
      const pruned = pruneGroup(node)
      if (pruned) values.push(pruned)
    }
  }
  return values.length > 0 ? { type: group.type, values } : undefined
}

/**
 * A rule's filter group. An empty one (what a blank filter editor sends) becomes absent, so "no
 * filter" has one spelling and an empty AND can never silently mean "every log".
 */
export const ruleFilterGroupSchema = filterGroupSchema.transform(pruneGroup)

export const attributePredicateSchema = strictObject({
  key: keySchema,
  op: z.enum(predicateOps),
  value: attrValueSchema.optional(),
}).superRefine((p, ctx) => {
  if (p.op !== 'exists' && p.value === undefined) required(ctx, ['value'], `"${p.op}" needs a value.`)
})
export type AttributePredicate = z.infer<typeof attributePredicateSchema>

/** Any one condition keeps the log (each is a reason on its own: "keep errors, keep slow requests"). */
export const alwaysKeepSchema = strictObject({
  status_gte: z.number().int().min(100).max(599).optional(),
  latency_ms_gt: z.number().min(0).max(86_400_000).optional(),
  attribute_predicates: z.array(attributePredicateSchema).max(LIST_MAX).optional(),
})
export type AlwaysKeep = z.infer<typeof alwaysKeepSchema>

export const severityActionSchema = strictObject({
  type: z.enum(['keep', 'drop', 'sample']),
  rate: z.number().min(0).max(1).optional(),
}).superRefine((a, ctx) => {
  if (a.type === 'sample' && a.rate === undefined) required(ctx, ['rate'], 'A sample action needs a rate between 0 and 1.')
})
export type SeverityAction = z.infer<typeof severityActionSchema>

export const severitySamplingConfigSchema = strictObject({
  /** A level that is not listed is kept. */
  actions: strictObject({
    DEBUG: severityActionSchema.optional(),
    INFO: severityActionSchema.optional(),
    WARN: severityActionSchema.optional(),
    ERROR: severityActionSchema.optional(),
  }),
  always_keep: alwaysKeepSchema.optional(),
})
export type SeveritySamplingConfig = z.infer<typeof severitySamplingConfigSchema>

export const pathDropConfigSchema = strictObject({
  patterns: z.array(regexSchema).max(LIST_MAX).optional(),
  /** When set, the patterns are matched against this log attribute instead of the path. */
  match_attribute_key: keySchema.optional(),
  filter_group: ruleFilterGroupSchema.optional(),
  always_keep: alwaysKeepSchema.optional(),
}).superRefine((c, ctx) => {
  if (!c.patterns?.length && !c.filter_group) {
    required(ctx, ['patterns'], 'A path_drop rule needs at least one pattern or a filter group, or it could never match.')
  }
})
export type PathDropConfig = z.infer<typeof pathDropConfigSchema>

const rateSchema = z.number().int().min(1).max(RATE_MAX)
const burstSchema = z.number().int().min(1).max(BURST_MAX)

export const rateLimitConfigSchema = strictObject({
  logs_per_second: rateSchema.optional(),
  kb_per_second: rateSchema.optional(),
  /** Defaults to DEFAULT_BURST_FACTOR × the rate; left absent rather than filled in, so it follows the rate. */
  burst_logs: burstSchema.optional(),
  burst_kb: burstSchema.optional(),
  filter_group: ruleFilterGroupSchema.optional(),
}).superRefine((c, ctx) => {
  const logs = c.logs_per_second !== undefined
  const kb = c.kb_per_second !== undefined
  if (!logs && !kb) return required(ctx, ['logs_per_second'], 'Give logs_per_second or kb_per_second.')
  if (logs && kb) {
    return ctx.addIssue({ code: 'custom', path: ['kb_per_second'], message: 'Give only one of logs_per_second and kb_per_second.' })
  }
  const checkBurst = (burstKey: 'burst_logs' | 'burst_kb', rate: number | undefined, rateKey: string) => {
    const burst = c[burstKey]
    if (burst === undefined) return
    if (rate === undefined) {
      ctx.addIssue({ code: 'custom', path: [burstKey], message: `${burstKey} only applies with ${rateKey}.` })
    } else if (burst < rate) {
      ctx.addIssue({ code: 'custom', path: [burstKey], message: `${burstKey} must be at least ${rateKey} (${rate}).`, params: { code: 'min_value' } })
    }
  }
  checkBurst('burst_logs', c.logs_per_second, 'logs_per_second')
  checkBurst('burst_kb', c.kb_per_second, 'kb_per_second')
})
export type RateLimitConfig = z.infer<typeof rateLimitConfigSchema>

export const scopeAttributeFilterSchema = strictObject({
  key: keySchema,
  op: z.enum(scopeAttributeOps),
  value: attrValueSchema.optional(),
}).superRefine((f, ctx) => {
  if (f.op === 'exists' || f.op === 'not_exists') return
  if (f.value === undefined) return required(ctx, ['value'], `"${f.op}" needs a value.`)
  if (f.op === 'regex') {
    const problem = checkRegex(f.value)
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem })
  }
})
export type ScopeAttributeFilter = z.infer<typeof scopeAttributeFilterSchema>

export const ruleNameSchema = z
  .string()
  .min(1)
  .max(RULE_NAME_MAX)
  .refine((s) => s.trim().length > 0, { message: 'This field may not be blank.', params: { code: 'blank' } })

/** An empty scope means "no restriction": one spelling for it (null). */
const scopeServiceSchema = z
  .string()
  .max(SCOPE_SERVICE_MAX)
  .nullable()
  .transform((v) => (v === null || v.trim() === '' ? null : v))
const scopePathPatternSchema = z
  .string()
  .max(1024)
  .nullable()
  .transform((v, ctx) => {
    if (v === null || v === '') return null
    const problem = checkRegex(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
    return v
  })
const scopeAttributeFiltersSchema = z.array(scopeAttributeFilterSchema).max(LIST_MAX)
const prioritySchema = z.number().int().min(0).max(1_000_000_000).nullable()
const versionSchema = z.number().int().min(0)

/** One discriminated union per rule type, over whatever fields the shape adds. */
function byRuleType<S extends Shape>(shape: S) {
  return z.discriminatedUnion('rule_type', [
    z.object({ ...shape, rule_type: z.literal('severity_sampling'), config: severitySamplingConfigSchema }),
    z.object({ ...shape, rule_type: z.literal('path_drop'), config: pathDropConfigSchema }),
    z.object({ ...shape, rule_type: z.literal('rate_limit'), config: rateLimitConfigSchema }),
  ])
}

/**
 * Checks `rule_type` on its own first: zod's discriminated union reports an unknown one as a
 * generic union failure, while the contract wants `rule_type` + `invalid_choice` (or `required`).
 */
const ruleTypeGuard = z.object({ rule_type: z.string().pipe(ruleTypeSchema) }).loose()

const draftShape = {
  name: ruleNameSchema,
  enabled: z.boolean().default(false),
  /** Absent or null: the store puts the rule last. */
  priority: prioritySchema.default(null),
  scope_service: scopeServiceSchema.default(null),
  scope_path_pattern: scopePathPatternSchema.default(null),
  scope_attribute_filters: scopeAttributeFiltersSchema.default([]),
}

/** A complete rule as a client writes it (no server-owned fields). */
export const ruleDraftSchema = ruleTypeGuard.pipe(byRuleType(draftShape))
export type RuleDraft = z.output<typeof ruleDraftSchema>

/** POST and PUT body: a draft, plus the optional `version` a PUT checks (a POST ignores it). */
export const ruleCreateSchema = ruleTypeGuard.pipe(byRuleType({ ...draftShape, version: versionSchema.optional() }))
export type RuleCreate = z.output<typeof ruleCreateSchema>

/**
 * PATCH body: every field optional. `config` is only checked for being an object here, because its
 * shape depends on `rule_type`, which may be the stored one: merge onto the stored rule, then
 * `validateRuleDraft` the result.
 */
export const rulePatchSchema = z.object({
  name: ruleNameSchema.optional(),
  enabled: z.boolean().optional(),
  priority: prioritySchema.optional(),
  rule_type: ruleTypeSchema.optional(),
  scope_service: scopeServiceSchema.optional(),
  scope_path_pattern: scopePathPatternSchema.optional(),
  scope_attribute_filters: scopeAttributeFiltersSchema.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  version: versionSchema.optional(),
})
export type RulePatch = z.output<typeof rulePatchSchema>

export function validateRuleDraft(input: unknown): { ok: true; value: RuleDraft } | { ok: false; error: z.ZodError } {
  const result = ruleDraftSchema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error }
}

export const ruleWarningSchema = z.object({ code: z.string(), message: z.string() })
export type RuleWarning = z.infer<typeof ruleWarningSchema>

export const ruleImpactSchema = z.object({ dropped_logs: z.number(), dropped_bytes: z.number() })
export type RuleImpact = z.infer<typeof ruleImpactSchema>

const storedShape = {
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  /** Ours is always set; PostHog documents the field as nullable. */
  priority: z.number().int().nullable(),
  scope_service: z.string().nullable(),
  scope_path_pattern: z.string().nullable(),
  scope_attribute_filters: z.array(scopeAttributeFilterSchema),
  version: z.number().int(),
  created_by: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
}

/** A rule as the server stores it and the engine evaluates it. */
export const storedRuleSchema = byRuleType(storedShape)
export type Rule = z.infer<typeof storedRuleSchema>

/** A rule in list/retrieve answers; the extension fields are ours, so a PostHog answer lacks them. */
export const ruleSchema = byRuleType({
  ...storedShape,
  impact_24h: ruleImpactSchema.optional(),
  warnings: z.array(ruleWarningSchema).optional(),
  summary_string: z.string().optional(),
})
export type RuleResponse = z.infer<typeof ruleSchema>
export const ruleListSchema = paginatedSchema(ruleSchema)

export const reorderBodySchema = z.object({ ordered_ids: z.array(z.guid()).max(10_000) })
export type ReorderBody = z.infer<typeof reorderBodySchema>

const windowShape = {
  date_from: dateInputSchema.nullish(),
  date_to: dateInputSchema.nullish(),
}
/** `POST :id/simulate` body (all optional; the default window is the last 24 h). */
export const simulateWindowSchema = z.object(windowShape)
export type SimulateWindow = z.infer<typeof simulateWindowSchema>

/**
 * `POST simulate` body: an unsaved rule, where in the order it would run, and the window. The name
 * may still be empty while the editor previews, so it is optional here.
 */
export const draftSimulateBodySchema = ruleTypeGuard.pipe(
  byRuleType({
    ...draftShape,
    ...windowShape,
    name: ruleNameSchema.optional(),
    position: z.number().int().min(0).optional(),
  }),
)
export type DraftSimulateBody = z.output<typeof draftSimulateBodySchema>

export const simulateResponseSchema = z.object({
  estimated_reduction_pct: z.number(),
  notes: z.string(),
  window: z.object({ date_from: z.string(), date_to: z.string() }).optional(),
  total_logs: z.number().optional(),
  matched_logs: z.number().optional(),
  dropped_logs: z.number().optional(),
  dropped_bytes: z.number().optional(),
  by_service: z
    .array(z.object({ service_name: z.string(), log_count: z.number(), dropped_logs: z.number(), reduction_pct: z.number() }))
    .optional(),
  series: z.array(z.object({ time: z.string(), before: z.number(), after: z.number() })).optional(),
})
export type SimulateResponse = z.infer<typeof simulateResponseSchema>
