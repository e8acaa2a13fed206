import { createRoute, z } from '@hono/zod-openapi'
import { isCursorKind, withCursorSource } from '../../../adapters/sources/open-source.ts'
import { IdParam } from '../../../contract/params.ts'
import { loadUsableConnection } from '../../../services/aam/load-connection.ts'
import { ProblemError } from '../../../services/problem-error.ts'
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
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const connection = await loadUsableConnection(services, c.get('tenantId'), c.req.valid('param').id)
    if (isCursorKind(connection.kind)) {
      const checked = await withCursorSource(services.config, connection, (source) => source.check())
      return c.json({ ok: true as const, checked }, 200)
    }
    try {
      await services.env.FILES.list({ prefix: `tenants/${c.get('tenantId')}/connections/${connection.id}/`, limit: 1 })
    } catch (error) {
      throw new ProblemError(
        'unavailable',
        `File storage did not answer (${error instanceof Error ? error.message : 'unknown error'}). Check the FILES R2 binding.`,
      )
    }
    return c.json({ ok: true as const, checked: ['file storage reachable'] }, 200)
  })
