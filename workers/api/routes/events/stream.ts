import { createRoute, z } from '@hono/zod-openapi'
import { tenantHub } from '../../../adapters/events.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
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

/** Both hand the request to the tenant's hub: the tenant comes from the token, never from the client. */
function forward(path: '/sse' | '/ws', request: Request, principalId: string, query: z.infer<typeof StreamQuery>) {
  const url = new URL(`https://tenant-hub${path}`)
  if (query.types) url.searchParams.set('types', query.types)
  if (query.last_event_id !== undefined) url.searchParams.set('last_event_id', String(query.last_event_id))
  const headers = new Headers(request.headers)
  headers.set('x-aos-principal', principalId)
  headers.delete('authorization')
  return new Request(url, { headers })
}

export const registerEventStreams = (app: App) => {
  app.openapi(sse, async (c) => {
    const query = c.req.valid('query')
    const hub = tenantHub(c.get('services').env, c.get('tenantId'))
    return hub.fetch(forward('/sse', c.req.raw, c.get('principal').userId, query)) as unknown as Response
  })
  app.openapi(ws, async (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ProblemError(
        'bad_request',
        'This endpoint speaks WebSocket: connect with a WebSocket client (Upgrade: websocket).',
      )
    }
    const query = c.req.valid('query')
    const hub = tenantHub(c.get('services').env, c.get('tenantId'))
    return hub.fetch(forward('/ws', c.req.raw, c.get('principal').userId, query)) as unknown as Response
  })
}
