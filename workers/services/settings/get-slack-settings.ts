import { withTenant } from '../../adapters/db/client.ts'
import { findNotificationSettings } from '../../adapters/db/notification-settings-repo.ts'
import type { Services } from '../container.ts'
import { presentSlackSettings } from './present-slack-settings.ts'

export async function getSlackSettings(services: Services, tenantId: string) {
  const row = await withTenant(services.db, tenantId, (tx) => findNotificationSettings(tx, tenantId))
  return presentSlackSettings(row)
}
