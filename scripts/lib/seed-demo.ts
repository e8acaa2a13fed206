import pg from 'pg'
import { encryptText } from '../../workers/adapters/crypto.ts'
import { webhookHint } from '../../workers/core/notifications/slack-webhook.ts'
import { provisionOwner } from './provision-owner.ts'

/** The demo tenant `npm start` creates so the console is not empty on first run. */
export const DEMO = {
  email: 'demo@autonomos.local',
  password: 'demo-password-2026',
  tenantName: 'Demo Co',
} as const

/**
 * Creates the demo tenant and owner (kept if present) and points its Slack notifications at the
 * local Slack stand-in, so `POST /v1/settings/slack/test` works out of the box.
 */
export async function seedDemo(databaseUrl: string, slack: { webhookUrl: string; dataKey: string }) {
  const owner = await provisionOwner(databaseUrl, DEMO)
  const url = new URL(slack.webhookUrl)
  const ciphertext = await encryptText(slack.dataKey, url.toString(), owner.tenantId)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(
      `insert into notification_settings (tenant_id, slack_webhook_ciphertext, slack_webhook_hint)
       values ($1, $2, $3)
       on conflict (tenant_id) do update set slack_webhook_ciphertext = $2, slack_webhook_hint = $3, updated_at = now()`,
      [owner.tenantId, ciphertext, webhookHint(url)],
    )
  } finally {
    await client.end()
  }
  return owner
}
