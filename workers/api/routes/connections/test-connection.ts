import { createRoute, z } from '@hono/zod-openapi'
import { IdParam } from '../../../core/auth/schema.ts'
import type { App } from '../../app-env.ts'
import { ApiError } from '../../errors.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'
import { loadConnection } from './load.ts'
import { withPostgresSource } from './postgres-access.ts'

const TestResult = z.object({ ok: z.literal(true), checked: z.array(z.string()) }).openapi('ConnectionTestResult')

const route = createRoute({
  method: 'post',
  path: '/v1/connections/{id}/test',
  tags: ['connections'],
  summary: 'Check that the source is reachable',
  description: 'For `file`: the upload storage answers. Failures are a 503 problem saying what to fix.',
  security: bearerSecurity,
  request: { params: IdParam },
  responses: { 200: jsonBody(TestResult), ...problemResponses },
})

export const registerTestConnection = (app: App) =>
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const connection = await loadConnection(services, c.get('tenantId'), c.req.valid('param').id)
    if (connection.kind === 'postgres') {
      const checked = await withPostgresSource(services, connection, async (source, config) => {
        const facts = await source.check()
        const tables = await source.discover(config.schema, config.tables)
        return [...facts, `${tables.size} table(s) readable in schema ${config.schema}`]
      })
      return c.json({ ok: true as const, checked }, 200)
    }
    try {
      await services.env.FILES.list({ prefix: `tenants/${c.get('tenantId')}/connections/${connection.id}/`, limit: 1 })
    } catch (error) {
      throw new ApiError(
        'unavailable',
        `File storage did not answer (${error instanceof Error ? error.message : 'unknown error'}). Check the FILES R2 binding.`,
      )
    }
    return c.json({ ok: true as const, checked: ['file storage reachable'] }, 200)
  })
