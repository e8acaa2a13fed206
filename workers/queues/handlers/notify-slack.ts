import { decryptText } from '../../adapters/crypto.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { findNotificationSettings } from '../../adapters/db/notification-settings-repo.ts'
import { postToSlack } from '../../adapters/slack.ts'
import { PublicError } from '../../core/http/public-error.ts'
import type { JobPayload } from '../../core/jobs/schema.ts'
import type { JobHandler } from './types.ts'

/** Posts `text` to the tenant's Slack webhook; any failure is thrown so the job retries, then dies visibly. */
export const runNotifySlack: JobHandler<JobPayload<'notify.slack'>> = async (ctx, payload) => {
  const { db, config } = ctx.services
  const settings = await withTenant(db, ctx.tenantId, (tx) => findNotificationSettings(tx, ctx.tenantId))
  if (!settings?.slackWebhookCiphertext) {
    throw new PublicError('No Slack webhook is configured: set one with PUT /v1/settings/slack, then retry this job.')
  }
  const url = await decryptText(config.DATA_ENCRYPTION_KEY, settings.slackWebhookCiphertext, ctx.tenantId)
  if (!url)
    throw new PublicError(
      'The stored Slack webhook cannot be decrypted (was DATA_ENCRYPTION_KEY rotated?). Set it again.',
    )
  const sent = await postToSlack(url, payload.text)
  if (!sent.ok) throw new PublicError(sent.error)
  return { status: 'succeeded', result: { delivered: true, webhook: settings.slackWebhookHint } }
}
