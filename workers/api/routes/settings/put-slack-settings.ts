import { createRoute } from '@hono/zod-openapi'
import { PutSlackBody, SlackSettings } from '../../../contract/settings.ts'
import { setSlackWebhook } from '../../../services/settings/set-slack-webhook.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'
import { admin } from './admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'putSlackSettings',
  method: 'put',
  path: '/v1/settings/slack',
  summary: 'Set the Slack incoming-webhook URL (stored encrypted)',
  request: { body: jsonRequest(PutSlackBody) },
  responses: { 200: jsonBody(SlackSettings), ...problemResponses },
})

export const registerPutSlackSettings = (app: App) =>
  app.openapi(route, async (c) => {
    const settings = await setSlackWebhook(c.get('services'), c.get('tenantId'), {
      webhookUrl: c.req.valid('json').webhook_url,
      actor: requestActor(c),
    })
    return c.json(settings, 200)
  })
