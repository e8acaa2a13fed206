import { listQuarantine } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { decodePageCursor, encodePageCursor } from '../../core/http/page-cursor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { loadConnection, loadStream } from './load-connection.ts'

type Row = Awaited<ReturnType<typeof listQuarantine>>[number]
export type QuarantinePage = { limit: number; cursor?: string | undefined }

const presentQuarantine = (r: Row) => ({
  id: r.id,
  stream_id: r.streamId,
  source_file_id: r.sourceFileId,
  line: r.line,
  reason: r.reason,
  raw: r.raw,
  raw_base64: r.rawBase64,
  raw_truncated: r.rawTruncated,
  created_at: r.createdAt.toISOString(),
})

function afterSeq(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined
  const seq = Number(decodePageCursor(cursor, 1)?.[0])
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new ProblemError('bad_request', 'The cursor is not valid. Use next_cursor from a previous page.')
  return seq
}

/** One page, oldest first, with the cursor of the next (null on the last page). */
async function page(services: Services, tenantId: string, of: Parameters<typeof listQuarantine>[2], q: QuarantinePage) {
  const after = afterSeq(q.cursor)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    listQuarantine(tx, tenantId, of, { limit: q.limit, ...(after === undefined ? {} : { afterSeq: after }) }),
  )
  const data = rows.slice(0, q.limit)
  const last = data[data.length - 1]
  return {
    data: data.map(presentQuarantine),
    next_cursor: rows.length > q.limit && last ? encodePageCursor(last.seq) : null,
  }
}

/** The unresolved records of one stream that could not be stored, a page at a time. */
export async function listStreamQuarantine(services: Services, tenantId: string, streamId: string, q: QuarantinePage) {
  const stream = await loadStream(services, tenantId, streamId)
  return page(services, tenantId, { streamId: stream.id }, q)
}

/** The unresolved records of all of a connection's streams that could not be stored, a page at a time. */
export async function listConnectionQuarantine(
  services: Services,
  tenantId: string,
  connectionId: string,
  q: QuarantinePage,
) {
  const connection = await loadConnection(services, tenantId, connectionId)
  return page(services, tenantId, { connectionId: connection.id }, q)
}
