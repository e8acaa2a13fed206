import { findUsableApiKey, touchApiKey } from '../../adapters/db/api-keys-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { hashSecret } from '../../adapters/secrets.ts'
import { lesserRole } from '../../core/auth/roles.ts'
import { API_KEY_PREFIX, tenantOfSecret } from '../../core/auth/secrets.ts'
import type { Services } from '../container.ts'
import type { Principal } from './principal.ts'

/**
 * The tenant and principal an API key acts as; null when it is not a usable key. Its last-use stamp
 * is written through `runLater`, off the request's path.
 */
export async function resolveApiKey(
  services: Services,
  key: string,
  runLater: (work: Promise<unknown>) => void,
): Promise<{ tenantId: string; principal: Principal } | null> {
  const tenantId = tenantOfSecret(API_KEY_PREFIX, key)
  if (!tenantId) return null
  const keyHash = await hashSecret(key)
  const row = await withTenant(services.db, tenantId, (tx) => findUsableApiKey(tx, tenantId, keyHash))
  if (!row) return null
  runLater(withTenant(services.db, tenantId, (tx) => touchApiKey(tx, tenantId, row.id)).catch(() => {}))
  return {
    tenantId,
    principal: { kind: 'api_key', keyId: row.id, userId: row.createdBy, role: lesserRole(row.role, row.creatorRole) },
  }
}
