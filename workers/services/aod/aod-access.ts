import { decryptText } from '../../adapters/crypto.ts'
import { findAodSettings } from '../../adapters/db/aod-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'

// The token is sealed with a context of its own, so no other stored secret can stand in for it.
export const aodTokenContext = (tenantId: string) => `aod:${tenantId}`

/** The tenant's AOD service and token, or a 409 saying to connect it first. */
export async function aodAccess(services: Services, tenantId: string) {
  const row = await withTenant(services.db, tenantId, (tx) => findAodSettings(tx, tenantId))
  const token =
    row && (await decryptText(services.config.DATA_ENCRYPTION_KEY, row.tokenCiphertext, aodTokenContext(tenantId)))
  if (!row || !token)
    throw new ProblemError(
      'conflict',
      'Asset discovery is not connected: set its URL and token with PUT /v1/settings/aod (Settings → Asset discovery).',
    )
  return { baseUrl: row.baseUrl, token }
}
