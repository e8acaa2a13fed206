import { updateConnection } from '../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { sealConnectionSecret } from '../../adapters/sources/connection-secret.ts'
import type { PutCredentialsBody } from '../../contract/connections.ts'
import { connectorOf } from '../../core/aam/connectors/registry.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentOneConnection } from './connection-health.ts'
import { secretFor, validConfig } from './connection-settings.ts'
import { loadConnection } from './load-connection.ts'

/** Sets (or rotates) a connection's secret, with any settings a draft still lacks; stored data is untouched. */
export async function putConnectionCredentials(
  services: Services,
  tenantId: string,
  input: { id: string; body: PutCredentialsBody; actor: Actor },
) {
  const { id, body } = input
  const current = await loadConnection(services, tenantId, id)
  const connector = connectorOf(current.kind)
  if (!connector.secret)
    throw new ProblemError(
      'conflict',
      connector.reads === 'files'
        ? 'A FileSource connection has no credentials: upload files to it instead.'
        : `A ${current.kind} connection has no credentials.`,
    )
  const config = validConfig(services.config, current, body.config ?? {})
  const secret = secretFor(current.kind, body, services.config.ALLOW_LOOPBACK_URLS) as string
  const secretCiphertext = await sealConnectionSecret(services.config, tenantId, secret)
  const row = await withTenant(services.db, tenantId, async (tx) => {
    const row = await updateConnection(tx, tenantId, id, { config, secretCiphertext, draft: false })
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: current.draft ? 'connection.completed' : 'connection.credentials_rotated',
      targetType: 'connection',
      targetId: id,
    })
    return row
  })
  if (!row) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
  return presentOneConnection(services, tenantId, row)
}
