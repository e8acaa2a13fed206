import { createRoute } from '@hono/zod-openapi'
import { MappingSuggestions, SuggestMappingsBody } from '../../../contract/dcl-mappings.ts'
import { suggestMappings } from '../../../services/dcl/suggest-mappings.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'suggestDclMappings',
  method: 'post',
  path: '/v1/dcl/mappings/suggest',
  tags: ['dcl'],
  summary: "Suggest a stream's mappings to a canonical entity, written as proposed versions",
  description:
    'The schema matcher reads the stream’s latest schema and stored records, the entity’s fields and stored values, and the tenant’s past decisions; an LLM (PII redacted) is asked only where the evidence is ambiguous. Each suggestion becomes a proposed version with its confidence and evidence, audited; pairs the newest version already states, and pairs once rejected, are not written. 409 while the stream has no schema (sync first).',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(SuggestMappingsBody) },
  responses: { 200: jsonBody(MappingSuggestions, 'The suggestions'), ...problemResponses, ...conflictResponse },
})

export const registerSuggestDclMappings = (app: App) =>
  app.openapi(route, async (c) => {
    const { stream_id, entity } = c.req.valid('json')
    const suggestions = await suggestMappings(c.get('services'), c.get('tenantId'), {
      stream_id,
      entity,
      actor: requestActor(c),
    })
    return c.json(suggestions, 200)
  })
