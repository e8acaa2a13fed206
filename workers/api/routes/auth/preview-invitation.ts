import { createRoute } from '@hono/zod-openapi'
import { EmailLinkBody, InvitationPreview } from '../../../contract/auth.ts'
import { previewInvitation } from '../../../services/auth/preview-invitation.ts'
import type { App } from '../../app-env.ts'
import { jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'previewInvitation',
  method: 'post',
  path: '/v1/auth/invitation',
  security: [],
  tags: ['auth'],
  summary: 'What an invitation link offers',
  description:
    'For the accept page: the workspace, the role and whether the invited address already has a confirmed account (then accepting asks for its password). Only the link’s holder can ask.',
  request: { body: jsonRequest(EmailLinkBody) },
  responses: { 200: jsonBody(InvitationPreview), ...problemResponses },
})

export const registerPreviewInvitation = (app: App) =>
  app.openapi(route, async (c) => {
    const { token } = c.req.valid('json')
    return c.json(await previewInvitation(c.get('services'), token), 200)
  })
