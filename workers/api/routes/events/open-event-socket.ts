import { createRoute } from '@hono/zod-openapi'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'
import { openStream, StreamQuery } from './live-stream.ts'

const route = createRoute({
  operationId: 'openEventSocket',
  method: 'get',
  path: '/v1/events/ws',
  tags: ['events'],
  summary: 'Live events (WebSocket)',
  description:
    'Send `{"type":"subscribe","types":["aos.job.*"],"last_event_id":0}`; receive `{"type":"event","event":{…}}` frames.',
  security: bearerSecurity,
  request: { query: StreamQuery },
  responses: { 101: { description: 'Switching protocols' }, ...problemResponses },
})

export const registerOpenEventSocket = (app: App) =>
  app.openapi(route, async (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ProblemError(
        'bad_request',
        'This endpoint speaks WebSocket: connect with a WebSocket client (Upgrade: websocket).',
      )
    }
    return openStream(c, 'ws', c.req.valid('query'))
  })
