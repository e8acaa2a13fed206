import { createRoute } from '@hono/zod-openapi'
import { SlackSettings } from '../../../contract/settings.ts'
import { getSlackSettings } from '../../../services/settings/get-slack-settings.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, problemResponses } from '../../openapi.ts'
import { admin } from './admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'getSlackSettings',
  method: 'get',
  path: '/v1/settings/slack',
  summary: 'Slack notification settings (the webhook URL is never returned in full)',
  responses: { 200: jsonBody(SlackSettings), ...problemResponses },
})

export const registerGetSlackSettings = (app: App) =>
  app.openapi(route, async (c) => c.json(await getSlackSettings(c.get('services'), c.get('tenantId')), 200))
