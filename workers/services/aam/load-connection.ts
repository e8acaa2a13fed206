import { findConnection, findStream } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

/** The tenant's connection or a 404 (another tenant's id looks exactly like a missing one). */
export async function loadConnection(services: Services, tenantId: string, id: string) {
  const row = await withTenant(services.db, tenantId, (tx) => findConnection(tx, tenantId, id))
  if (!row) throw new ProblemError('not_found', `No connection ${id} in this tenant. GET /v1/connections lists them.`)
  return row
}

/** A connection that can be read: a draft imported from asset discovery must get its credentials first. */
export async function loadUsableConnection(services: Services, tenantId: string, id: string) {
  const row = await loadConnection(services, tenantId, id)
  if (row.draft)
    throw new ProblemError(
      'conflict',
      `Connection ${id} is a draft imported from asset discovery. Add its credentials with PUT /v1/connections/${id}/credentials, then retry.`,
    )
  return row
}

export async function loadStream(services: Services, tenantId: string, id: string) {
  const row = await withTenant(services.db, tenantId, (tx) => findStream(tx, tenantId, id))
  if (!row)
    throw new ProblemError('not_found', `No stream ${id} in this tenant. GET /v1/connections/{id}/streams lists them.`)
  return row
}
