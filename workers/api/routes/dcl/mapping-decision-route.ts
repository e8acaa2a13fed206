import { createRoute } from '@hono/zod-openapi'
import { MappingDecisionBody, MappingVersion } from '../../../contract/dcl-mappings.ts'
import { IdParam } from '../../../contract/params.ts'
import { acceptMapping, rejectMapping } from '../../../services/dcl/decide-mapping.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const DECISIONS = {
  accept: { decide: acceptMapping, summary: 'Accept a mapping version: the DCL may use it' },
  reject: { decide: rejectMapping, summary: 'Reject a mapping version: remembered, so it is not suggested again' },
}

/** Accept and reject are one operation shape on two paths; each has its own file that names it. */
export function registerMappingDecision(app: App, decision: keyof typeof DECISIONS) {
  const { decide, summary } = DECISIONS[decision]
  const route = createRoute({
    operationId: `${decision}DclMapping`,
    method: 'post',
    path: `/v1/dcl/mappings/{id}/${decision}`,
    tags: ['dcl'],
    summary,
    description:
      'Decides on the version named: if a newer version exists the answer is 409, naming it. The decision is a new version with its comment, audited.',
    security: bearerSecurity,
    middleware: [requireRole('member')] as const,
    request: {
      params: IdParam,
      body: { required: false, content: { 'application/json': { schema: MappingDecisionBody } } },
    },
    responses: { 200: jsonBody(MappingVersion), ...problemResponses, ...conflictResponse },
  })
  app.openapi(route, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const mapping = await decide(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      comment: body.comment,
      actor: requestActor(c),
    })
    return c.json(mapping, 200)
  })
}
