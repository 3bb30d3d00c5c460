import type { FastifyRequest } from 'fastify'
import {
  draftSimulateBodySchema,
  reorderBodySchema,
  ruleCreateSchema,
  rulePatchSchema,
  simulateWindowSchema,
  validateRuleDraft,
  type Rule,
  type RulePatch,
  type RuleDraft,
  type SimulateWindow,
} from '../../../src/contract/rules'
import type { AppContext } from '../../context'
import { RuleInsights } from '../../rules/insights'
import { simulateDraft, simulateSavedRule } from '../../rules/simulate'
import { createRule, deleteRule, getRule, listRules, reorderRules, updateRule } from '../../store/rules'
import type { ApiRoute } from '../api'
import { bodyObject } from '../body'
import { fromZodError, notFound } from '../errors'
import { pageParams, paginated } from '../pagination'
import { parse, queryWindow } from '../parse'

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const missing = (id: string) => notFound(`No sampling rule with id "${id.slice(0, 64)}" in this environment.`)

/** Simulation looks at the last 24 h unless told otherwise. */
const simulationWindow = (w: SimulateWindow) => queryWindow({ date_from: w.date_from ?? '-24h', date_to: w.date_to }, 'date_from')

/** PATCH: the stored rule with the sent fields on top, validated as a whole so `attr` names the exact field. */
function merge(current: Rule, patch: RulePatch): RuleDraft {
  const { version: _version, ...changes } = patch
  const merged = {
    name: current.name,
    enabled: current.enabled,
    priority: current.priority,
    rule_type: current.rule_type,
    scope_service: current.scope_service,
    scope_path_pattern: current.scope_path_pattern,
    scope_attribute_filters: current.scope_attribute_filters,
    config: current.config,
    ...changes,
  }
  const result = validateRuleDraft(merged)
  if (!result.ok) throw fromZodError(result.error)
  return result.value
}

export function ruleRoutes(app: AppContext): ApiRoute[] {
  const { db } = app
  const insights = new RuleInsights(db)

  const annotated = async (envId: number, rule: Rule) => (await insights.annotate(envId, await listRules(db, envId), [rule]))[0]
  const list = async (req: FastifyRequest, envId: number) => {
    const page = pageParams(req.query)
    const all = await listRules(db, envId)
    const results = await insights.annotate(envId, all, all.slice(page.offset, page.offset + page.limit))
    return paginated(req, page, all.length, results)
  }
  /** Every committed change is recompiled before answering, so ingestion applies it from the next batch on. */
  const committed = async (envId: number) => app.rules.reload(envId)

  const update = async (req: FastifyRequest, envId: number, partial: boolean) => {
    const body = bodyObject(req.body)
    let rule: Rule | null
    if (partial) {
      const patch = parse(rulePatchSchema, body)
      rule = await updateRule(db, envId, idOf(req), patch.version, (current) => merge(current, patch))
    } else {
      const draft = parse(ruleCreateSchema, body)
      rule = await updateRule(db, envId, idOf(req), draft.version, () => draft)
    }
    if (!rule) throw missing(idOf(req))
    await committed(envId)
    return annotated(envId, rule)
  }

  return [
    { method: 'GET', url: '/sampling_rules', scope: 'read', handler: (req, ctx) => list(req, ctx.env.id) },
    {
      method: 'POST',
      url: '/sampling_rules',
      scope: 'write',
      status: 201,
      handler: async (req, ctx) => {
        const draft = parse(ruleCreateSchema, bodyObject(req.body))
        const rule = await createRule(db, ctx.env.id, ctx.userId, draft)
        await committed(ctx.env.id)
        return annotated(ctx.env.id, rule)
      },
    },
    {
      method: 'GET',
      url: '/sampling_rules/:id',
      scope: 'read',
      handler: async (req, ctx) => {
        const rule = await getRule(db, ctx.env.id, idOf(req))
        if (!rule) throw missing(idOf(req))
        return annotated(ctx.env.id, rule)
      },
    },
    { method: 'PATCH', url: '/sampling_rules/:id', scope: 'write', handler: (req, ctx) => update(req, ctx.env.id, true) },
    { method: 'PUT', url: '/sampling_rules/:id', scope: 'write', handler: (req, ctx) => update(req, ctx.env.id, false) },
    {
      method: 'DELETE',
      url: '/sampling_rules/:id',
      scope: 'write',
      handler: async (req, ctx) => {
        if (!(await deleteRule(db, ctx.env.id, idOf(req)))) throw missing(idOf(req))
        await committed(ctx.env.id)
        return undefined
      },
    },
    {
      method: 'POST',
      url: '/sampling_rules/reorder',
      scope: 'write',
      handler: async (req, ctx) => {
        const { ordered_ids: orderedIds } = parse(reorderBodySchema, bodyObject(req.body))
        await reorderRules(db, ctx.env.id, orderedIds)
        await committed(ctx.env.id)
        return list(req, ctx.env.id)
      },
    },
    {
      method: 'POST',
      url: '/sampling_rules/:id/simulate',
      scope: 'read',
      handler: async (req, ctx) => {
        const window = simulationWindow(parse(simulateWindowSchema, bodyObject(req.body)))
        return (await simulateSavedRule(db, ctx.env.id, idOf(req), window)) ?? Promise.reject(missing(idOf(req)))
      },
    },
    {
      method: 'POST',
      url: '/sampling_rules/simulate',
      scope: 'read',
      handler: async (req, ctx) => {
        const body = parse(draftSimulateBodySchema, bodyObject(req.body))
        return simulateDraft(db, ctx.env.id, body, simulationWindow(body))
      },
    },
  ]
}
