import type { findNotificationSettings } from '../../adapters/db/notification-settings-repo.ts'

/** What a client sees of the Slack settings: whether a webhook is set and a hint of it, never the URL. */
export const presentSlackSettings = (row: Awaited<ReturnType<typeof findNotificationSettings>>) => ({
  configured: Boolean(row?.slackWebhookCiphertext),
  webhook_hint: row?.slackWebhookHint ?? null,
  updated_at: row?.slackWebhookCiphertext ? row.updatedAt.toISOString() : null,
})
