import { encryptText } from '../../adapters/crypto.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { findNotificationSettings, saveSlackWebhook } from '../../adapters/db/notification-settings-repo.ts'
import { checkWebhookUrl, webhookHint } from '../../core/notifications/slack-webhook.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { ProblemError } from '../problem-error.ts'
import { presentSlackSettings } from './present-slack-settings.ts'

/** Stores the tenant's Slack incoming-webhook URL encrypted, keeping only a hint of it readable. */
export async function setSlackWebhook(
  services: Services,
  tenantId: string,
  input: { webhookUrl: string; actor: Actor },
) {
  const { db, config } = services
  const checked = checkWebhookUrl(input.webhookUrl, config.ALLOW_LOOPBACK_URLS)
  if (!checked.ok) {
    throw new ProblemError('validation_failed', `webhook_url ${checked.reason}.`, [
      { path: 'webhook_url', message: checked.reason, code: 'invalid_url' },
    ])
  }
  const ciphertext = await encryptText(config.DATA_ENCRYPTION_KEY, checked.url.toString(), tenantId)
  const row = await withTenant(db, tenantId, async (tx) => {
    await saveSlackWebhook(tx, tenantId, ciphertext, webhookHint(checked.url))
    await recordAudit(tx, tenantId, { ...input.actor, action: 'settings.slack_webhook_set' })
    return findNotificationSettings(tx, tenantId)
  })
  return presentSlackSettings(row)
}
