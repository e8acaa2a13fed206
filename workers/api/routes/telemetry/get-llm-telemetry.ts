import { createRoute } from '@hono/zod-openapi'
import { LlmTelemetry, LlmTelemetryQuery } from '../../../contract/telemetry.ts'
import { getLlmTelemetry } from '../../../services/telemetry/get-llm-telemetry.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses, unavailableResponse } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getLlmTelemetry',
  method: 'get',
  path: '/v1/telemetry/llm',
  tags: ['telemetry'],
  summary: 'LLM calls, tokens, latency, errors and estimated cost, by model or feature and by hour',
  description:
    'Every LLM call the platform makes for this tenant (answered or failed, whichever feature asked) is counted in Redis. Cost is an estimate from list prices; calls to models without a price add nothing to it and are counted in `unpriced_calls`. Answers 503 when Redis is unreachable (LLM calls still run then, uncounted).',
  security: bearerSecurity,
  request: { query: LlmTelemetryQuery },
  responses: { 200: jsonBody(LlmTelemetry), ...problemResponses, ...unavailableResponse },
})

export const registerGetLlmTelemetry = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await getLlmTelemetry(c.get('services'), c.get('tenantId'), c.req.valid('query')), 200),
  )
