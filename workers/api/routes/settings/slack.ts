import { createRoute } from '@hono/zod-openapi'
import { encryptText } from '../../../adapters/crypto.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { findNotificationSettings, saveSlackWebhook } from '../../../adapters/db/notification-settings-repo.ts'
import { Job } from '../../../contract/jobs.ts'
import {
  checkWebhookUrl,
  PutSlackBody,
  SlackSettings,
  SlackTestBody,
  webhookHint,
} from '../../../core/notifications/slack-webhook.ts'
import { presentJob } from '../../../services/jobs/present-job.ts'
import { submitJob } from '../../../services/jobs/submit-job.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { auditActor } from '../../audit-actor.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const security = { tags: ['settings'], security: bearerSecurity, middleware: requireRole('admin') }

const getRoute = createRoute({
  ...security,
  operationId: 'getSlackSettings',
  method: 'get',
  path: '/v1/settings/slack',
  summary: 'Slack notification settings (the webhook URL is never returned in full)',
  responses: { 200: jsonBody(SlackSettings), ...problemResponses },
})
const putRoute = createRoute({
  ...security,
  operationId: 'putSlackSettings',
  method: 'put',
  path: '/v1/settings/slack',
  summary: 'Set the Slack incoming-webhook URL (stored encrypted)',
  request: { body: jsonRequest(PutSlackBody) },
  responses: { 200: jsonBody(SlackSettings), ...problemResponses },
})
const deleteRoute = createRoute({
  ...security,
  operationId: 'deleteSlackSettings',
  method: 'delete',
  path: '/v1/settings/slack',
  summary: 'Remove the Slack webhook',
  responses: { 204: { description: 'Removed' }, ...problemResponses },
})
const testRoute = createRoute({
  ...security,
  operationId: 'testSlackSettings',
  method: 'post',
  path: '/v1/settings/slack/test',
  summary: 'Send a test message (as a notify.slack job you can follow in /v1/jobs)',
  request: { body: { required: false, content: { 'application/json': { schema: SlackTestBody } } } },
  responses: { 202: jsonBody(Job, 'Queued'), ...problemResponses },
})

const present = (row: Awaited<ReturnType<typeof findNotificationSettings>>) => ({
  configured: Boolean(row?.slackWebhookCiphertext),
  webhook_hint: row?.slackWebhookHint ?? null,
  updated_at: row?.slackWebhookCiphertext ? row.updatedAt.toISOString() : null,
})

export function registerSlackSettings(app: App) {
  app.openapi(getRoute, async (c) => {
    const tenantId = c.get('tenantId')
    const row = await withTenant(c.get('services').db, tenantId, (tx) => findNotificationSettings(tx, tenantId))
    return c.json(present(row), 200)
  })

  app.openapi(putRoute, async (c) => {
    const { webhook_url } = c.req.valid('json')
    const { db, config } = c.get('services')
    const checked = checkWebhookUrl(webhook_url, config.ALLOW_LOOPBACK_URLS)
    if (!checked.ok) {
      throw new ProblemError('validation_failed', `webhook_url ${checked.reason}.`, [
        { path: 'webhook_url', message: checked.reason, code: 'invalid_url' },
      ])
    }
    const tenantId = c.get('tenantId')
    const ciphertext = await encryptText(config.DATA_ENCRYPTION_KEY, checked.url.toString(), tenantId)
    const row = await withTenant(db, tenantId, async (tx) => {
      await saveSlackWebhook(tx, tenantId, ciphertext, webhookHint(checked.url))
      await recordAudit(tx, tenantId, {
        ...auditActor(c.get('principal')),
        action: 'settings.slack_webhook_set',
        requestId: c.get('requestId'),
      })
      return findNotificationSettings(tx, tenantId)
    })
    return c.json(present(row), 200)
  })

  app.openapi(deleteRoute, async (c) => {
    const tenantId = c.get('tenantId')
    await withTenant(c.get('services').db, tenantId, async (tx) => {
      await saveSlackWebhook(tx, tenantId, null, null)
      await recordAudit(tx, tenantId, {
        ...auditActor(c.get('principal')),
        action: 'settings.slack_webhook_removed',
        requestId: c.get('requestId'),
      })
    })
    return c.body(null, 204)
  })

  app.openapi(testRoute, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : SlackTestBody.parse({})
    const { row } = await submitJob(c.get('services'), c.get('tenantId'), {
      kind: 'notify.slack',
      payload: { text: body.text },
      createdBy: c.get('principal').userId,
    })
    return c.json(presentJob(row), 202)
  })
}
