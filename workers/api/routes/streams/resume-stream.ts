import { createRoute } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { Stream } from '../../../contract/streams.ts'
import { resumeStream } from '../../../services/aam/pause-resume-stream.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'resumeStream',
  method: 'post',
  path: '/v1/streams/{id}/resume',
  tags: ['streams'],
  summary: 'Resume a stream and sync what waited',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 200: jsonBody(Stream), ...problemResponses },
})

export const registerResumeStream = (app: App) =>
  app.openapi(route, async (c) => {
    const stream = await resumeStream(c.get('services'), c.get('tenantId'), {
      streamId: c.req.valid('param').id,
      actor: requestActor(c),
      userId: c.get('principal').userId,
    })
    return c.json(stream, 200)
  })
