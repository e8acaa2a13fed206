import { createRoute, z } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { exportStream } from '../../../services/aam/export-stream.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream'

const route = createRoute({
  operationId: 'exportStream',
  method: 'get',
  path: '/v1/streams/{id}/export',
  tags: ['streams'],
  summary: 'Stored records as an Arrow IPC stream (one typed column per schema field)',
  description:
    'Columns follow the stream’s current schema: numbers as float64, booleans as bool, everything else as text; values that do not fit their column are null. Read it with DuckDB (`insertArrowFromIPCStream`), pyarrow or polars. `X-AOS-Truncated: true` says the stream holds more than `limit` records.',
  security: bearerSecurity,
  request: {
    params: IdParam,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200_000).default(100_000) }),
  },
  responses: {
    200: { description: 'Arrow IPC stream', content: { [ARROW_STREAM_TYPE]: { schema: z.string() } } },
    ...problemResponses,
  },
})

export const registerExportStream = (app: App) =>
  app.openapi(route, async (c) => {
    const { name, body, rows, truncated } = await exportStream(c.get('services'), c.get('tenantId'), {
      streamId: c.req.valid('param').id,
      limit: c.req.valid('query').limit,
    })
    return c.body(body, 200, {
      'content-type': ARROW_STREAM_TYPE,
      'content-disposition': `attachment; filename="${name}.arrow"`,
      'x-aos-rows': String(rows),
      'x-aos-truncated': String(truncated),
    })
  })
