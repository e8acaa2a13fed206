import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { saveSlackWebhook } from '../../adapters/db/notification-settings-repo.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'

export async function removeSlackWebhook(services: Services, tenantId: string, input: { actor: Actor }) {
  await withTenant(services.db, tenantId, async (tx) => {
    await saveSlackWebhook(tx, tenantId, null, null)
    await recordAudit(tx, tenantId, { ...input.actor, action: 'settings.slack_webhook_removed' })
  })
}
