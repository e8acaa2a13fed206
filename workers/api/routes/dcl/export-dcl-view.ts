import { createRoute, z } from '@hono/zod-openapi'
import { ListViewRowsQuery, ViewParams } from '../../../contract/dcl-views.ts'
import { exportView } from '../../../services/dcl/read-views.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream'

const route = createRoute({
  operationId: 'exportDclView',
  method: 'get',
  path: '/v1/dcl/views/{entity}/arrow',
  tags: ['dcl'],
  summary: 'A unified view as an Arrow IPC stream (for DuckDB, pyarrow, polars)',
  description:
    'Columns: `unified_id`, one per field (float64 when every value is a number, bool when every value is a boolean, text otherwise), `sources` and `members`. Same filters as the rows. `X-AOS-Truncated: true` says more rows match than `limit`.',
  security: bearerSecurity,
  request: {
    params: ViewParams,
    query: ListViewRowsQuery.pick({ q: true, source: true }).extend({
      limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
    }),
  },
  responses: {
    200: { description: 'Arrow IPC stream', content: { [ARROW_STREAM_TYPE]: { schema: z.string() } } },
    ...problemResponses,
  },
})

export const registerExportDclView = (app: App) =>
  app.openapi(route, async (c) => {
    const { entity } = c.req.valid('param')
    const { body, rows, truncated } = await exportView(
      c.get('services'),
      c.get('tenantId'),
      entity,
      c.req.valid('query'),
    )
    return c.body(body, 200, {
      'content-type': ARROW_STREAM_TYPE,
      'content-disposition': `attachment; filename="${entity}.arrow"`,
      'x-aos-rows': String(rows),
      'x-aos-truncated': String(truncated),
    })
  })
