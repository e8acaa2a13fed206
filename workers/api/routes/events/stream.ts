import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { openLiveStream } from '../../../services/events/open-live-stream.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App, AppEnv } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const StreamQuery = z.object({
  stream_token: z
    .string()
    .optional()
    .openapi({ description: 'From POST /v1/events/stream-token (instead of a header)' }),
  types: z.string().max(2000).optional().openapi({
    description: 'Comma-separated event types; `aos.job.*` matches a family',
    example: 'aos.job.*,aos.flag.changed',
  }),
  last_event_id: z.coerce.number().int().nonnegative().optional().openapi({
    description: 'Resume after this id (the `Last-Event-ID` header does the same)',
  }),
})

const sse = createRoute({
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

const ws = createRoute({
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

/** Both hand the request to the tenant's hub. */
const openStream = (c: Context<AppEnv>, transport: 'sse' | 'ws', query: z.infer<typeof StreamQuery>) =>
  openLiveStream(c.get('services'), c.get('tenantId'), {
    transport,
    request: c.req.raw,
    principalId: c.get('principal').userId,
    types: query.types,
    lastEventId: query.last_event_id,
  })

export const registerEventStreams = (app: App) => {
  app.openapi(sse, async (c) => openStream(c, 'sse', c.req.valid('query')))
  app.openapi(ws, async (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ProblemError(
        'bad_request',
        'This endpoint speaks WebSocket: connect with a WebSocket client (Upgrade: websocket).',
      )
    }
    return openStream(c, 'ws', c.req.valid('query'))
  })
}
