import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { Stream } from '../../../contract/streams.ts'
import { pauseStream, resumeStream } from '../../../services/aam/pause-resume-stream.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

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
  for (const [action, setPaused] of [
    ['pause', pauseStream],
    ['resume', resumeStream],
  ] as const) {
    app.openapi(route(action), async (c) => {
      const stream = await setPaused(c.get('services'), c.get('tenantId'), {
        streamId: c.req.valid('param').id,
        actor: requestActor(c),
        userId: c.get('principal').userId,
      })
      return c.json(stream, 200)
    })
  }
}
