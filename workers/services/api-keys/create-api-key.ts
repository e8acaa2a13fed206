import { insertApiKey } from '../../adapters/db/api-keys-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { hashSecret, newSecret } from '../../adapters/secrets.ts'
import type { Role } from '../../contract/vocabulary/roles.ts'
import { atLeast } from '../../core/auth/roles.ts'
import { API_KEY_PREFIX, displayPrefix } from '../../core/auth/secrets.ts'
import { auditActor } from '../audit-actor.ts'
import type { Principal } from '../auth/principal.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentApiKey } from './present-api-key.ts'

/** Creates a key with no more rights than its creator; the secret (`key`) is returned once and stored hashed. */
export async function createApiKey(
  services: Services,
  tenantId: string,
  input: { name: string; role: Role; expiresInDays?: number; principal: Principal; requestId: string },
) {
  const { name, role, principal } = input
  if (!atLeast(principal.role, role)) {
    throw new ProblemError('forbidden', `A key cannot have more rights than you: you are ${principal.role}.`)
  }
  const key = newSecret(API_KEY_PREFIX, tenantId)
  const keyHash = await hashSecret(key)
  const row = await withTenant(services.db, tenantId, async (tx) => {
    const row = await insertApiKey(tx, tenantId, {
      name,
      role,
      prefix: displayPrefix(key),
      keyHash,
      createdBy: principal.userId,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    })
    await recordAudit(tx, tenantId, {
      ...auditActor(principal),
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: row.id,
      metadata: { name, role },
      requestId: input.requestId,
    })
    return row
  })
  return { ...presentApiKey(row), key }
}
