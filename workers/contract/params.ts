import { z } from '@hono/zod-openapi'

/** The `{id}` of a resource path: a UUID, refused as a 400 problem before any lookup when malformed. */
export const IdParam = z.object({
  id: z.uuid({ error: 'must be a UUID' }).openapi({ param: { name: 'id', in: 'path' } }),
})
