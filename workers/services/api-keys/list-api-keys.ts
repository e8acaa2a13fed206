import { listActiveApiKeys } from '../../adapters/db/api-keys-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { presentApiKey } from './present-api-key.ts'

/** The tenant's active API keys, never their secrets. */
export async function listApiKeys(services: Services, tenantId: string) {
  const rows = await withTenant(services.db, tenantId, (tx) => listActiveApiKeys(tx, tenantId))
  return { data: rows.map(presentApiKey) }
}
