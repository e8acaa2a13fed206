import { createRoute, z } from '@hono/zod-openapi'
import type { App } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'
import { openStream, StreamQuery } from './live-stream.ts'

const route = createRoute({
  operationId: 'streamEvents',
  method: 'get',
  path: '/v1/events/stream',
  tags: ['events'],
  summary: 'Live events (Server-Sent Events)',
  description:
    'CloudEvents as SSE; each `id:` is the tenant hub’s sequence number, so a reconnect with `Last-Event-ID` receives exactly the missed events, in order. Heartbeat comments every 15 s.',
  security: bearerSecurity,
  request: { query: StreamQuery },
  responses: {
    200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...problemResponses,
  },
})

export const registerStreamEvents = (app: App) =>
  app.openapi(route, async (c) => openStream(c, 'sse', c.req.valid('query')))
