import { softDeleteConnection } from '../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { type Tx, withTenant } from '../../adapters/db/client.ts'
import { findConnectionEvenDeleted } from '../../adapters/db/connection-purge-repo.ts'
import { insertJob, unfinishedJobFor } from '../../adapters/db/jobs-repo.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { presentJob } from '../jobs/present-job.ts'
import { dispatchJob } from '../jobs/submit-job.ts'
import { ProblemError } from '../problem-error.ts'

const PURGE = 'aam.connection-purge'
/** A purge of a large connection may outlast a few attempts' backoff while a sync still holds it. */
const PURGE_ATTEMPTS = 10

/** Soft-deletes the connection and audits it; false when it was not live (missing, or deleted already). */
async function softDeleteAudited(tx: Tx, tenantId: string, id: string, actor: Actor) {
  const deleted = await softDeleteConnection(tx, tenantId, id)
  if (deleted)
    await recordAudit(tx, tenantId, { ...actor, action: 'connection.deleted', targetType: 'connection', targetId: id })
  return deleted
}

/** The connection stops syncing and leaves the lists; its streams, records and files are kept. */
export async function deleteConnection(services: Services, tenantId: string, input: { id: string; actor: Actor }) {
  const { id } = input
  const deleted = await withTenant(services.db, tenantId, (tx) => softDeleteAudited(tx, tenantId, id, input.actor))
  if (!deleted) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
}

/**
 * Deletes the connection as `deleteConnection` does (if it is not deleted already) and queues an
 * `aam.connection-purge` job removing everything it brought in. A connection deleted earlier without
 * its data can be purged this way too. While a purge of it is unfinished, that job is returned and no
 * other is queued; after one ended, a new one runs (and finds only what is left, perhaps nothing).
 */
export async function deleteAndPurgeConnection(
  services: Services,
  tenantId: string,
  input: { id: string; actor: Actor; createdBy: string | null },
) {
  const { id } = input
  const { job, created } = await withTenant(services.db, tenantId, async (tx) => {
    const connection = await findConnectionEvenDeleted(tx, tenantId, id)
    if (!connection) return { job: null, created: false }
    await softDeleteAudited(tx, tenantId, id, input.actor)
    const unfinished = await unfinishedJobFor(tx, tenantId, PURGE, 'connection_id', id)
    if (unfinished) return { job: unfinished, created: false }
    const { row } = await insertJob(tx, tenantId, {
      kind: PURGE,
      payload: { connection_id: id },
      maxAttempts: PURGE_ATTEMPTS,
      idempotencyKey: null,
      createdBy: input.createdBy,
    })
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: 'connection.purged',
      targetType: 'connection',
      targetId: id,
      metadata: { job_id: row.id },
    })
    return { job: row, created: true }
  })
  if (!job) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
  if (created) await dispatchJob(services, tenantId, PURGE, job)
  return presentJob(job)
}
