import { createRoute, z } from '@hono/zod-openapi'
import { IdParam } from '../../../contract/params.ts'
import { testConnection } from '../../../services/aam/test-connection.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const TestResult = z.object({ ok: z.literal(true), checked: z.array(z.string()) }).openapi('ConnectionTestResult')

const route = createRoute({
  operationId: 'testConnection',
  method: 'post',
  path: '/v1/connections/{id}/test',
  tags: ['connections'],
  summary: 'Check that the source is reachable',
  description:
    'For `file`: the upload storage answers; for `postgres`: the database answers and which tables are readable; for `salesforce`: the credentials give a token and the selected objects are queryable. Failures are a problem saying what to fix (502 `source-unreachable` when the source refuses or does not answer).',
  security: bearerSecurity,
  // It calls the source with the stored credentials, so read-only viewers may not.
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 200: jsonBody(TestResult), ...problemResponses },
})

export const registerTestConnection = (app: App) =>
  app.openapi(route, async (c) =>
    c.json(await testConnection(c.get('services'), c.get('tenantId'), c.req.valid('param').id), 200),
  )
