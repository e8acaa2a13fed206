import { createRoute, z } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { getQuarantinedRaw } from '../../../services/aam/get-quarantined-raw.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'getQuarantinedRaw',
  method: 'get',
  path: '/v1/quarantine/{id}/raw',
  tags: ['streams'],
  summary: 'The exact bytes of a quarantined record',
  description:
    'All of it, whatever its size: a record over the size limit is served from the uploaded file, and bytes that are not UTF-8 come back as they were read.',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: {
    200: { description: 'The raw record', content: { 'application/octet-stream': { schema: z.string() } } },
    ...problemResponses,
  },
})

export const registerGetQuarantinedRaw = (app: App) =>
  app.openapi(route, async (c) => {
    const body = await getQuarantinedRaw(c.get('services'), c.get('tenantId'), c.req.valid('param').id)
    return c.body(body, 200, { 'content-type': 'application/octet-stream' })
  })
