import { eq } from 'drizzle-orm'
import { notificationSettings } from '../../../db/schema/index.ts'
import type { Tx } from './client.ts'

export async function findNotificationSettings(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(notificationSettings).where(eq(notificationSettings.tenantId, tenantId))
  return row ?? null
}

export async function saveSlackWebhook(tx: Tx, tenantId: string, ciphertext: string | null, hint: string | null) {
  const values = { slackWebhookCiphertext: ciphertext, slackWebhookHint: hint, updatedAt: new Date() }
  await tx
    .insert(notificationSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: notificationSettings.tenantId, set: values })
}
