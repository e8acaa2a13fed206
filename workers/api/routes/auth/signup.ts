import { createRoute } from '@hono/zod-openapi'
import { LinkSent, SignupBody } from '../../../contract/auth.ts'
import { SIGNUP_LINK_HOURS } from '../../../services/auth/email-links.ts'
import { startSignup } from '../../../services/auth/start-signup.ts'
import type { App } from '../../app-env.ts'
import { callerIp } from '../../client-ip.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'signup',
  method: 'post',
  path: '/v1/auth/signup',
  security: [],
  tags: ['auth'],
  summary: 'Start a signup: a link to confirm the address is emailed',
  description:
    'Nothing is created until the emailed link is opened (POST /v1/auth/verify-email), which creates the workspace and its owner and signs in. The answer is the same whether or not the address already has an account; an existing account is emailed instead (a new workspace when its password was given, else a note that someone tried).',
  request: { body: jsonRequest(SignupBody) },
  responses: { 202: jsonBody(LinkSent, 'Check the inbox'), ...problemResponses },
})

export const registerSignup = (app: App) =>
  app.openapi(route, async (c) => {
    const { email, password, tenant_name } = c.req.valid('json')
    await startSignup(c.get('services'), { email, password, tenantName: tenant_name, ip: callerIp(c) })
    return c.json(
      {
        status: 'link_sent' as const,
        detail: `We sent an email to ${email}. Open its link within ${SIGNUP_LINK_HOURS} hours to finish.`,
      },
      202,
    )
  })
