import { createRoute } from '@hono/zod-openapi'
import { Job } from '../../../contract/jobs.ts'
import { SlackTestBody } from '../../../contract/settings.ts'
import { sendSlackTest } from '../../../services/settings/send-slack-test.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, problemResponses } from '../../openapi.ts'
import { admin } from './admin-route.ts'

const route = createRoute({
  ...admin,
  operationId: 'testSlackSettings',
  method: 'post',
  path: '/v1/settings/slack/test',
  summary: 'Send a test message (as a notify.slack job you can follow in /v1/jobs)',
  request: { body: { required: false, content: { 'application/json': { schema: SlackTestBody } } } },
  responses: { 202: jsonBody(Job, 'Queued'), ...problemResponses },
})

export const registerTestSlackSettings = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : SlackTestBody.parse({})
    const job = await sendSlackTest(c.get('services'), c.get('tenantId'), {
      text: body.text,
      createdBy: c.get('principal').userId,
    })
    return c.json(job, 202)
  })
