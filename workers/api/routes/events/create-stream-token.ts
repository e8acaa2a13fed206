import { createRoute, z } from '@hono/zod-openapi'
import { issueStreamToken } from '../../../services/events/issue-stream-token.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const StreamToken = z.object({ stream_token: z.string(), expires_in: z.number().int() }).openapi('StreamToken')

const route = createRoute({
  operationId: 'createStreamToken',
  method: 'post',
  path: '/v1/events/stream-token',
  tags: ['events'],
  summary: 'Get a 60-second token for opening a live stream',
  description:
    'EventSource and browser WebSockets cannot send an Authorization header: pass this as `?stream_token=` to /v1/events/stream or /v1/events/ws.',
  security: bearerSecurity,
  responses: { 200: jsonBody(StreamToken), ...problemResponses },
})

export const registerCreateStreamToken = (app: App) =>
  app.openapi(route, async (c) => {
    const principal = c.get('principal')
    if (principal.kind === 'stream')
      throw new ProblemError('forbidden', 'A stream token cannot mint another one; use your access token.')
    const token = await issueStreamToken(c.get('services'), c.get('tenantId'), {
      userId: principal.userId,
      role: principal.role,
    })
    return c.json(token, 200)
  })
