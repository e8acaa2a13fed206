import { createRoute } from '@hono/zod-openapi'
import { Connection, CreateConnectionBody } from '../../../contract/connections.ts'
import { CONNECTION_KINDS, CONNECTORS } from '../../../core/aam/connectors/registry.ts'
import { createConnection } from '../../../services/aam/create-connection.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const kinds = CONNECTION_KINDS.map((kind) => `\`${kind}\` (${CONNECTORS[kind].description})`).join(', ')

const route = createRoute({
  operationId: 'createConnection',
  method: 'post',
  path: '/v1/connections',
  tags: ['connections'],
  summary: 'Create a connection',
  description: `Kinds: ${kinds}. Credentials are write-only.`,
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(CreateConnectionBody) },
  responses: { 201: jsonBody(Connection, 'Created'), ...problemResponses },
})

export const registerCreateConnection = (app: App) =>
  app.openapi(route, async (c) => {
    const created = await createConnection(c.get('services'), c.get('tenantId'), {
      body: c.req.valid('json'),
      actor: requestActor(c),
    })
    return c.json(created, 201)
  })
