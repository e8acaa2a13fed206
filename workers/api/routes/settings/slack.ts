import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { PutSlackBody, SlackSettings, SlackTestBody } from '../../../contract/settings.ts'
import { getSlackSettings } from '../../../services/settings/get-slack-settings.ts'
import { removeSlackWebhook } from '../../../services/settings/remove-slack-webhook.ts'
import { sendSlackTest } from '../../../services/settings/send-slack-test.ts'
import { setSlackWebhook } from '../../../services/settings/set-slack-webhook.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

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

export function registerSlackSettings(app: App) {
  app.openapi(getRoute, async (c) => c.json(await getSlackSettings(c.get('services'), c.get('tenantId')), 200))

  app.openapi(putRoute, async (c) => {
    const settings = await setSlackWebhook(c.get('services'), c.get('tenantId'), {
      webhookUrl: c.req.valid('json').webhook_url,
      actor: requestActor(c),
    })
    return c.json(settings, 200)
  })

  app.openapi(deleteRoute, async (c) => {
    await removeSlackWebhook(c.get('services'), c.get('tenantId'), {
      actor: requestActor(c),
    })
    return c.body(null, 204)
  })

  app.openapi(testRoute, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : SlackTestBody.parse({})
    const job = await sendSlackTest(c.get('services'), c.get('tenantId'), {
      text: body.text,
      createdBy: c.get('principal').userId,
    })
    return c.json(job, 202)
  })
}
