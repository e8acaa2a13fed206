import { listFiles } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { decodePageCursor, encodePageCursor } from '../../core/http/page-cursor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { loadConnection } from './load-connection.ts'
import { presentSourceFile } from './present-connection.ts'

function after(cursor: string | undefined) {
  if (cursor === undefined) return undefined
  const [iso, id] = decodePageCursor(cursor, 2) ?? []
  const uploadedAt = new Date(iso ?? '')
  if (!id || Number.isNaN(uploadedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw new ProblemError('bad_request', 'The cursor is not valid. Use next_cursor from a previous page.')
  return { uploadedAt, id }
}

/** A connection's uploaded files, newest first: each one's status, failure reason and row counts. */
export async function listConnectionFiles(
  services: Services,
  tenantId: string,
  connectionId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  const connection = await loadConnection(services, tenantId, connectionId)
  const position = after(q.cursor)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    listFiles(tx, tenantId, connection.id, { limit: q.limit, ...(position ? { after: position } : {}) }),
  )
  const data = rows.slice(0, q.limit)
  const last = data[data.length - 1]
  const next = rows.length > q.limit && last ? encodePageCursor(last.uploadedAt.toISOString(), last.id) : null
  return { data: data.map(presentSourceFile), next_cursor: next }
}
