import { z } from '@hono/zod-openapi'

/** The `{id}` of a resource path: a UUID, refused as a 400 problem before any lookup when malformed. */
export const IdParam = z.object({
  id: z.uuid({ error: 'must be a UUID' }).openapi({ param: { name: 'id', in: 'path' } }),
})

/** A stream's drift record: `/v1/streams/{id}/drift/{drift_id}/…`; either id malformed is a 400 before any lookup. */
export const StreamDriftParams = IdParam.extend({
  drift_id: z.uuid({ error: 'must be a UUID' }).openapi({ param: { name: 'drift_id', in: 'path' } }),
})
