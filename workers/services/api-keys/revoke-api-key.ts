import { revokeApiKey as revokeActiveApiKey } from '../../adapters/db/api-keys-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { auditActor } from '../audit-actor.ts'
import type { Principal } from '../auth/principal.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

export async function revokeApiKey(
  services: Services,
  tenantId: string,
  input: { keyId: string; principal: Principal; requestId: string },
) {
  const id = input.keyId
  const revoked = await withTenant(services.db, tenantId, async (tx) => {
    const revoked = await revokeActiveApiKey(tx, tenantId, id)
    if (revoked) {
      await recordAudit(tx, tenantId, {
        ...auditActor(input.principal),
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: id,
        requestId: input.requestId,
      })
    }
    return revoked
  })
  if (!revoked) throw new ProblemError('not_found', `No active API key ${id} in this tenant.`)
}
