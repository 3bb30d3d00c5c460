import { explainRequestSchema } from '../../../src/contract/explain'
import { normalisePattern, PATTERN_RULES } from '../../ai/prompt'
import { createExplainService } from '../../ai/explain-service'
import type { AppContext } from '../../context'
import { findLog, similarLogs } from '../../store/logs'
import type { ApiRoute } from '../api'
import { bodyObject } from '../body'
import { parse } from '../parse'

/** `POST logs/explainLogWithAI`: 201 with the explanation, like the reference. */
export function explainRoutes(app: AppContext): ApiRoute[] {
  const service = createExplainService({
    config: app.ai,
    findLog: (envId, uuid, timestampMs) => findLog(app.db, envId, uuid, timestampMs),
    similar: async (envId, log) => {
      const pattern = normalisePattern(log.body)
      const counts = await similarLogs(app.db, { envId, serviceName: log.service_name, pattern, rules: PATTERN_RULES, nowMs: Date.now() })
      return { pattern, ...counts }
    },
  })
  return [
    {
      method: 'POST',
      url: '/explainLogWithAI',
      scope: 'write',
      status: 201,
      handler: async (req, ctx) => service.explain(ctx.env.id, parse(explainRequestSchema, bodyObject(req.body))),
    },
  ]
}
