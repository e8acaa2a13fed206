import { withTenant } from '../../adapters/db/client.ts'
import { takeDeadLetter } from '../../adapters/db/dcl-repo.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/** Sends a dead-lettered batch to the DCL's queue again, once; applying is idempotent. */
export async function replayDeadLetter(services: Services, tenantId: string, id: string) {
  const row = await withTenant(services.db, tenantId, (tx) => takeDeadLetter(tx, tenantId, id))
  if (!row)
    throw new ProblemError('not_found', `No dead letter ${id} waiting for replay. List them at /v1/dcl/dead-letters.`)
  await services.env.CANONICAL_EVENTS.send({ tenant_id: tenantId, stream_id: row.streamId, events: row.events })
  return { id, requeued_events: row.events.length }
}
