import { createRoute } from '@hono/zod-openapi'
import { EmailLinkBody, TokenResponse } from '../../../contract/auth.ts'
import { verifyEmail } from '../../../services/auth/verify-email.ts'
import type { App } from '../../app-env.ts'
import { conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'verifyEmail',
  method: 'post',
  path: '/v1/auth/verify-email',
  security: [],
  tags: ['auth'],
  summary: 'Open an emailed signup link',
  description:
    'Proves the address, creates the workspace and its owner (and the account, when new) and answers with a session there. Each link works once.',
  request: { body: jsonRequest(EmailLinkBody) },
  responses: { 200: jsonBody(TokenResponse, 'Address proved and signed in'), ...problemResponses, ...conflictResponse },
})

export const registerVerifyEmail = (app: App) =>
  app.openapi(route, async (c) => {
    const { token } = c.req.valid('json')
    return c.json(await verifyEmail(c.get('services'), { token, requestId: c.get('requestId') }), 200)
  })
