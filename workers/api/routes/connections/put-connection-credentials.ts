import { createRoute } from '@hono/zod-openapi'
import { Connection, PutCredentialsBody, secretFieldsInWords } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { putConnectionCredentials } from '../../../services/aam/put-connection-credentials.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const route = createRoute({
  operationId: 'putConnectionCredentials',
  method: 'put',
  path: '/v1/connections/{id}/credentials',
  tags: ['connections'],
  summary: 'Set (or rotate) a connection’s credentials; completes a draft imported from asset discovery',
  description: `Send what the kind needs: ${secretFieldsInWords()}, plus any \`config\` the draft still lacks. The old credentials are replaced; stored data is untouched.`,
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam, body: jsonRequest(PutCredentialsBody) },
  responses: { 200: jsonBody(Connection), ...problemResponses, ...conflictResponse },
})

export const registerPutConnectionCredentials = (app: App) =>
  app.openapi(route, async (c) => {
    const updated = await putConnectionCredentials(c.get('services'), c.get('tenantId'), {
      id: c.req.valid('param').id,
      body: c.req.valid('json'),
      actor: requestActor(c),
    })
    return c.json(updated, 200)
  })
