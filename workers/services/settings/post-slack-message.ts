import { decryptText } from '../../adapters/crypto.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { findNotificationSettings } from '../../adapters/db/notification-settings-repo.ts'
import { postToSlack } from '../../adapters/slack.ts'
import { PublicError } from '../../core/http/public-error.ts'
import type { Services } from '../container.ts'

/** Posts `text` to the tenant's Slack webhook; any failure is thrown (a notify.slack job retries, then dies visibly). */
export async function postSlackMessage(services: Services, tenantId: string, text: string) {
  const { db, config } = services
  const settings = await withTenant(db, tenantId, (tx) => findNotificationSettings(tx, tenantId))
  if (!settings?.slackWebhookCiphertext) {
    throw new PublicError('No Slack webhook is configured: set one with PUT /v1/settings/slack, then retry this job.')
  }
  const url = await decryptText(config.DATA_ENCRYPTION_KEY, settings.slackWebhookCiphertext, tenantId)
  if (!url)
    throw new PublicError(
      'The stored Slack webhook cannot be decrypted (was DATA_ENCRYPTION_KEY rotated?). Set it again.',
    )
  const sent = await postToSlack(url, text)
  if (!sent.ok) throw new PublicError(sent.error)
  return { delivered: true, webhook: settings.slackWebhookHint }
}
