// The `aam.connection-purge` job: everything a deleted connection brought in is removed, in bounded
// batches (a connection may hold millions of records), and the unified views its records fed are
// refreshed so they no longer show them. Each batch is its own short transaction, so the job can stop
// anywhere and a retry goes on from what is left.
import { acquireSyncLease, releaseSyncLease } from '../../adapters/db/aam-repo.ts'
import { type Tx, withTenant } from '../../adapters/db/client.ts'
import {
  connectionStreams,
  countEntitiesFrom,
  countOwned,
  deleteEntitiesFromBatch,
  deleteOwnedBatch,
  findConnectionEvenDeleted,
  forgetConnectionSecret,
  PURGED_TABLES,
  type PurgedTable,
  releaseHeldStreams,
} from '../../adapters/db/connection-purge-repo.ts'
import { lockView } from '../../adapters/db/dcl-views-repo.ts'
import { connectionObjectPrefix, deleteObjectsBatch } from '../../adapters/files.ts'
import { CANONICAL_ENTITIES } from '../../contract/vocabulary/entities.ts'
import { streamSource } from '../../core/aam/file-record.ts'
import { memberKey } from '../../core/dcl/views/member.ts'
import { PublicError } from '../../core/http/public-error.ts'
import type { Services } from '../container.ts'
import { refreshViewIn } from '../dcl/refresh-views.ts'
import { refreshMetadataDocuments } from '../kb/metadata-documents.ts'

/** Rows per delete statement: small enough for a short transaction, large enough to make headway. */
const ROW_BATCH = 2000
/** DCL records per batch: each batch also re-resolves the view rows that held them, in its transaction. */
const ENTITY_BATCH = 500
/** The purge holds the connection's sync lease, renewed every batch, so no sync writes while it removes. */
const LEASE_SECONDS = 300

export type PurgeJob = {
  tenantId: string
  jobId: string
  progress(done: number, total: number, final: boolean): Promise<void>
}

const tables = Object.keys(PURGED_TABLES) as PurgedTable[]
const streamTables = tables.filter((t) => PURGED_TABLES[t] === 'stream_id')
const connectionTables = tables.filter((t) => PURGED_TABLES[t] === 'connection_id')

export async function purgeConnection(services: Services, job: PurgeJob, connectionId: string) {
  const { tenantId } = job
  const leased = await withTenant(services.db, tenantId, async (tx) => {
    const connection = await findConnectionEvenDeleted(tx, tenantId, connectionId)
    if (!connection) return null
    if (!(await acquireSyncLease(tx, tenantId, connectionId, job.jobId, LEASE_SECONDS))) return false
    // A stream held for review points at its drift record; the drift records go too.
    await releaseHeldStreams(tx, tenantId, connectionId)
    const streams = await connectionStreams(tx, tenantId, connectionId)
    const streamIds = streams.map((s) => s.id)
    const sources = streams.map((s) => streamSource(connectionId, s.name))
    let total = 0
    for (const table of streamTables) for (const id of streamIds) total += await countOwned(tx, tenantId, table, id)
    for (const table of connectionTables) total += await countOwned(tx, tenantId, table, connectionId)
    for (const entity of CANONICAL_ENTITIES)
      for (const source of sources) total += await countEntitiesFrom(tx, tenantId, entity, source)
    return { streamIds, sources, total }
  })
  if (leased === null) return { status: 'succeeded' as const, result: { not_run: 'no such connection' } }
  // Retried with backoff: the sync ends (or its lease lapses) and the purge then runs.
  if (leased === false) throw new PublicError('A sync of this connection is still running; the purge waits for it.')

  const { streamIds, sources, total } = leased
  const removed: Record<string, number> = {}
  let done = 0
  /** Runs `batch` in its own transaction (renewing the lease) until it removes nothing more. */
  const drain = async (name: string, batch: (tx: Tx) => Promise<number>) => {
    removed[name] ??= 0
    for (;;) {
      const n = await withTenant(services.db, tenantId, async (tx) => {
        await acquireSyncLease(tx, tenantId, connectionId, job.jobId, LEASE_SECONDS)
        return batch(tx)
      })
      if (n === 0) return
      removed[name] += n
      done += n
      await job.progress(Math.min(done, total), total, false)
    }
  }

  for (const table of streamTables)
    for (const id of streamIds) await drain(table, (tx) => deleteOwnedBatch(tx, tenantId, table, id, ROW_BATCH))
  // The DCL's records of the connection's streams, and the unified rows that held them re-resolved from
  // the members left (a row only they made disappears; a row merged with another source's keeps that one).
  for (const entity of CANONICAL_ENTITIES)
    for (const source of sources)
      await drain('dcl_entities', async (tx) => {
        await lockView(tx, tenantId, entity)
        const gone = await deleteEntitiesFromBatch(tx, tenantId, entity, source, ENTITY_BATCH)
        if (gone.length > 0)
          await refreshViewIn(
            tx,
            tenantId,
            entity,
            gone.map((g) => memberKey({ source: g.source, externalId: g.external_id })),
          )
        return gone.length
      })
  for (const table of connectionTables)
    await drain(table, (tx) => deleteOwnedBatch(tx, tenantId, table, connectionId, ROW_BATCH))
  // The uploaded files in R2, found by their key prefix (also any a failed upload left without a row).
  let files = 0
  for (;;) {
    const n = await deleteObjectsBatch(services.env, connectionObjectPrefix(tenantId, connectionId))
    if (n === 0) break
    files += n
  }

  await withTenant(services.db, tenantId, async (tx) => {
    await forgetConnectionSecret(tx, tenantId, connectionId)
    await releaseSyncLease(tx, tenantId, connectionId, job.jobId)
  })
  // The knowledge base's metadata documents describe live connections only: rewriting them drops this one's.
  const kb = await refreshMetadataDocuments(services, tenantId)
  await job.progress(total, total, true)
  return {
    status: 'succeeded' as const,
    result: {
      connection_id: connectionId,
      removed: { ...removed, stored_files: files },
      kb_documents_removed: kb.removed,
    },
  }
}
