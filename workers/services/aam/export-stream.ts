import { arrowStream } from '../../adapters/arrow-ipc.ts'
import { pageRecords } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { exportColumns, extraColumns, toColumnArrays } from '../../core/aam/export/record-columns.ts'
import { SnapshotSchema } from '../../core/aam/schema-snapshot.ts'
import type { Services } from '../container.ts'
import { loadStream } from './load-connection.ts'

const PAGE = 5000

/**
 * Up to `limit` of a stream's stored records as an Arrow IPC stream, one typed column per schema field
 * (plus fields found only in the records). `truncated` says the stream holds more.
 */
export async function exportStream(services: Services, tenantId: string, input: { streamId: string; limit: number }) {
  const { limit } = input
  const stream = await loadStream(services, tenantId, input.streamId)
  const schema = SnapshotSchema.safeParse(stream.schema ?? [])
  const columns = exportColumns(schema.success ? schema.data : [])
  // Columns only ever grow (extras found on later pages), so a page's arrays line up with a prefix.
  const pages: ReturnType<typeof toColumnArrays>[] = []
  let after = ''
  let count = 0
  let truncated = false
  while (count < limit) {
    const take = Math.min(PAGE, limit - count)
    const rows = await withTenant(services.db, tenantId, (tx) => pageRecords(tx, tenantId, stream.id, after, take + 1))
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
  return { name: stream.name, body: arrowStream(columns, padded), rows: count, truncated }
}
