import { createRoute } from '@hono/zod-openapi'
import { updateStream } from '../../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { publishEvent } from '../../../adapters/events.ts'
import { IdParam } from '../../../contract/params.ts'
import { Stream } from '../../../contract/streams.ts'
import { cloudEvent } from '../../../core/events/schema.ts'
import { loadStream } from '../../../services/aam/load-connection.ts'
import { presentStream } from '../../../services/aam/present-connection.ts'
import { submitJob } from '../../../services/jobs/submit-job.ts'
import type { App } from '../../app-env.ts'
import { auditActor } from '../../audit-actor.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = (action: 'pause' | 'resume') =>
  createRoute({
    operationId: `${action}Stream`,
    method: 'post',
    path: `/v1/streams/{id}/${action}`,
    tags: ['streams'],
    summary:
      action === 'pause'
        ? 'Pause a stream (its files wait, nothing is dropped)'
        : 'Resume a stream and sync what waited',
    security: bearerSecurity,
    middleware: [requireRole('member')] as const,
    request: { params: IdParam },
    responses: { 200: jsonBody(Stream), ...problemResponses },
  })

export const registerPauseResume = (app: App) => {
  for (const action of ['pause', 'resume'] as const) {
    app.openapi(route(action), async (c) => {
      const services = c.get('services')
      const tenantId = c.get('tenantId')
      const stream = await loadStream(services, tenantId, c.req.valid('param').id)
      const updated = await withTenant(services.db, tenantId, async (tx) => {
        const row = await updateStream(
          tx,
          tenantId,
          stream.id,
          action === 'pause'
            ? { pausedAt: new Date(), pausedReason: 'paused by a user' }
            : { pausedAt: null, pausedReason: null },
        )
        await recordAudit(tx, tenantId, {
          ...auditActor(c.get('principal')),
          action: `stream.${action}d`,
          targetType: 'stream',
          targetId: stream.id,
          requestId: c.get('requestId'),
        })
        return row ?? stream
      })
      const type = action === 'pause' ? 'aos.stream.paused' : 'aos.stream.resumed'
      await publishEvent(
        services.env,
        cloudEvent(
          tenantId,
          type,
          { stream_id: stream.id, stream: stream.name, connection_id: stream.connectionId },
          `streams/${stream.id}`,
        ),
      )
      if (action === 'resume') {
        await submitJob(services, tenantId, {
          kind: 'aam.sync',
          payload: { connection_id: stream.connectionId },
          createdBy: c.get('principal').userId,
        })
      }
      return c.json(presentStream(updated), 200)
    })
  }
}
