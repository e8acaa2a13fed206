import { createRoute, z } from '@hono/zod-openapi'
import { arrowStream } from '../../../adapters/arrow-ipc.ts'
import { pageRecords } from '../../../adapters/db/aam-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { IdParam } from '../../../contract/params.ts'
import { exportColumns, extraColumns, toColumnArrays } from '../../../core/aam/export/record-columns.ts'
import { SnapshotSchema } from '../../../core/aam/schema.ts'
import { loadStream } from '../../../services/aam/load-connection.ts'
import type { App } from '../../app-env.ts'
import { bearerSecurity, problemResponses } from '../../openapi.ts'

const PAGE = 5000
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
    const tenantId = c.get('tenantId')
    const { db } = c.get('services')
    const stream = await loadStream(c.get('services'), tenantId, c.req.valid('param').id)
    const { limit } = c.req.valid('query')
    const schema = SnapshotSchema.safeParse(stream.schema ?? [])
    const columns = exportColumns(schema.success ? schema.data : [])
    // Columns only ever grow (extras found on later pages), so a page's arrays line up with a prefix.
    const pages: ReturnType<typeof toColumnArrays>[] = []
    let after = ''
    let count = 0
    let truncated = false
    while (count < limit) {
      const take = Math.min(PAGE, limit - count)
      const rows = await withTenant(db, tenantId, (tx) => pageRecords(tx, tenantId, stream.id, after, take + 1))
      truncated = rows.length > take
      const kept = rows.slice(0, take)
      if (kept.length === 0) break
      const data = kept.map((r) => r.data)
      columns.push(...extraColumns(columns, data))
      pages.push(toColumnArrays(columns, data))
      count += kept.length
      after = kept[kept.length - 1]?.eventId ?? after
      if (!truncated) break
    }
    // A column first seen on a later page is null on the earlier ones.
    const padded = pages.map((page) => columns.map((_, i) => page[i] ?? new Array(page[0]?.length ?? 0).fill(null)))
    return c.body(arrowStream(columns, padded), 200, {
      'content-type': ARROW_STREAM_TYPE,
      'content-disposition': `attachment; filename="${stream.name}.arrow"`,
      'x-aos-rows': String(count),
      'x-aos-truncated': String(truncated),
    })
  })
