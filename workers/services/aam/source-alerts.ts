import { withTenant } from '../../adapters/db/client.ts'
import { findNotificationSettings } from '../../adapters/db/notification-settings-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import type { SourceAlert } from '../../core/aam/connectors/cursor-source.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Services } from '../container.ts'
import { submitJob } from '../jobs/submit-job.ts'

/**
 * Tells the tenant: `aos.source.alert` on the hub (console, SSE), and a Slack message when Slack is set
 * up. The Slack job is keyed by the alert, so a retried sync never sends the same alert twice.
 */
export async function raiseSourceAlerts(
  services: Services,
  tenantId: string,
  connection: { id: string; name: string },
  alerts: readonly SourceAlert[],
) {
  if (alerts.length === 0) return
  const settings = await withTenant(services.db, tenantId, (tx) => findNotificationSettings(tx, tenantId))
  for (const alert of alerts) {
    await publishEvent(
      services.env,
      cloudEvent(
        tenantId,
        'aos.source.alert',
        { connection_id: connection.id, connection: connection.name, ...alert },
        `connections/${connection.id}`,
      ),
    )
    if (settings?.slackWebhookCiphertext)
      await submitJob(services, tenantId, {
        kind: 'notify.slack',
        payload: {
          text: `${alert.severity === 'critical' ? ':red_circle:' : ':warning:'} ${alert.title}\n${alert.detail}`,
        },
        idempotencyKey: `alert:${alert.key}`,
        createdBy: null,
      })
  }
}
