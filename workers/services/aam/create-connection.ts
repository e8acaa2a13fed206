import { insertConnection } from '../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { sealConnectionSecret } from '../../adapters/sources/connection-secret.ts'
import type { CreateConnectionBody } from '../../contract/connections.ts'
import { knownKind } from '../../core/aam/connectors/registry.ts'
import { nextSyncAt } from '../../core/aam/schedule.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { presentOneConnection } from './connection-health.ts'
import { requireCallableUrls, secretFor } from './connection-settings.ts'

/** Stores a connection of any kind, its secret sealed; the request was validated for the kind already. */
export async function createConnection(
  services: Services,
  tenantId: string,
  input: { body: CreateConnectionBody; actor: Actor },
) {
  const { body } = input
  const allowLoopback = services.config.ALLOW_LOOPBACK_URLS
  const config = body.config ?? {}
  requireCallableUrls(body.kind, config, allowLoopback)
  const secret = secretFor(body.kind, body, allowLoopback)
  const secretCiphertext = secret === null ? null : await sealConnectionSecret(services.config, tenantId, secret)
  const row = await withTenant(services.db, tenantId, async (tx) => {
    const row = await insertConnection(tx, tenantId, {
      name: body.name,
      kind: knownKind(body.kind),
      config,
      secretCiphertext,
      driftPolicy: body.drift_policy,
      schedule: body.schedule ?? null,
      nextSyncAt: nextSyncAt(body.schedule, new Date()),
    })
    await recordAudit(tx, tenantId, {
      ...input.actor,
      action: 'connection.created',
      targetType: 'connection',
      targetId: row.id,
    })
    return row
  })
  return presentOneConnection(services, tenantId, row)
}
