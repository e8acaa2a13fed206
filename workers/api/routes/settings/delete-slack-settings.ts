import { createRoute } from '@hono/zod-openapi'
import { removeSlackWebhook } from '../../../services/settings/remove-slack-webhook.ts'
import type { App } from '../../app-env.ts'
import { problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'
import { admin } from './admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'deleteSlackSettings',
  method: 'delete',
  path: '/v1/settings/slack',
  summary: 'Remove the Slack webhook',
  responses: { 204: { description: 'Removed' }, ...problemResponses },
})

export const registerDeleteSlackSettings = (app: App) =>
  app.openapi(route, async (c) => {
    await removeSlackWebhook(c.get('services'), c.get('tenantId'), {
      actor: requestActor(c),
    })
    return c.body(null, 204)
  })
