import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { openLiveStream } from '../../../services/events/open-live-stream.ts'
import type { AppEnv } from '../../app-env.ts'

/** The query both live transports (SSE and WebSocket) take. */
export const StreamQuery = z.object({
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

/** Both hand the request to the tenant's hub. */
export const openStream = (c: Context<AppEnv>, transport: 'sse' | 'ws', query: z.infer<typeof StreamQuery>) =>
  openLiveStream(c.get('services'), c.get('tenantId'), {
    transport,
    request: c.req.raw,
    principalId: c.get('principal').userId,
    types: query.types,
    lastEventId: query.last_event_id,
  })
