import { createRoute } from '@hono/zod-openapi'
import { withTenant } from '../../../adapters/db/client.ts'
import { listDeadLetters, takeDeadLetter } from '../../../adapters/db/dcl-repo.ts'
import { IdParam } from '../../../contract/params.ts'
import { DeadLetterList, ReplayAccepted } from '../../../core/dcl/schema.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const listRoute = createRoute({
  operationId: 'listDclDeadLetters',
  method: 'get',
  path: '/v1/dcl/dead-letters',
  tags: ['dcl'],
  summary: 'Canonical event batches the DCL could not apply after every retry',
  security: bearerSecurity,
  responses: { 200: jsonBody(DeadLetterList), ...problemResponses },
})

const replayRoute = createRoute({
  operationId: 'replayDclDeadLetter',
  method: 'post',
  path: '/v1/dcl/dead-letters/{id}/replay',
  tags: ['dcl'],
  summary: 'Send a dead-lettered batch to the DCL again',
  description: 'Applying is idempotent, so replaying events the DCL already has changes nothing.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 202: jsonBody(ReplayAccepted, 'Queued again'), ...problemResponses },
})

export const registerDeadLetters = (app: App) => {
  app.openapi(listRoute, async (c) => {
    const tenantId = c.get('tenantId')
    const rows = await withTenant(c.get('services').db, tenantId, (tx) => listDeadLetters(tx, tenantId))
    const data = rows.map((r) => ({
      id: r.id,
      stream_id: r.streamId,
      event_count: r.events.length,
      events: r.events,
      created_at: r.createdAt.toISOString(),
    }))
    return c.json({ data }, 200)
  })
  app.openapi(replayRoute, async (c) => {
    const tenantId = c.get('tenantId')
    const { id } = c.req.valid('param')
    const services = c.get('services')
    const row = await withTenant(services.db, tenantId, (tx) => takeDeadLetter(tx, tenantId, id))
    if (!row)
      throw new ProblemError('not_found', `No dead letter ${id} waiting for replay. List them at /v1/dcl/dead-letters.`)
    await services.env.CANONICAL_EVENTS.send({ tenant_id: tenantId, stream_id: row.streamId, events: row.events })
    return c.json({ id, requeued_events: row.events.length }, 202)
  })
}
