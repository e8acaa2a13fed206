import { findAodSettings } from '../../adapters/db/aod-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { Services } from '../container.ts'
import { presentAodSettings } from './present-aod-settings.ts'

export async function getAodSettings(services: Services, tenantId: string) {
  return presentAodSettings(await withTenant(services.db, tenantId, (tx) => findAodSettings(tx, tenantId)))
}
