import { createRoute } from '@hono/zod-openapi'
import { AcceptInvitationBody, TokenResponse } from '../../../contract/auth.ts'
import { acceptInvitation } from '../../../services/auth/accept-invitation.ts'
import type { App } from '../../app-env.ts'
import { callerIp } from '../../client-ip.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'acceptInvitation',
  method: 'post',
  path: '/v1/auth/accept-invitation',
  security: [],
  tags: ['auth'],
  summary: 'Accept an invitation and sign in to its tenant',
  description:
    'The link proves the address. An address with a confirmed account signs in with its password; otherwise `password` becomes the password of the account (created now, or taken over from an unconfirmed registration of the address, whose sessions end). Each link works once.',
  request: { body: jsonRequest(AcceptInvitationBody) },
  responses: { 200: jsonBody(TokenResponse, 'Member of the tenant and signed in'), ...problemResponses },
})

export const registerAcceptInvitation = (app: App) =>
  app.openapi(route, async (c) => {
    const { token, password } = c.req.valid('json')
    const tokens = await acceptInvitation(c.get('services'), {
      token,
      password,
      ip: callerIp(c),
      requestId: c.get('requestId'),
    })
    return c.json(tokens, 200)
  })
