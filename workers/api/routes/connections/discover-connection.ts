import { createRoute } from '@hono/zod-openapi'
import { latestFilePerStream } from '../../../adapters/db/aam-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { inferFileSchema } from '../../../adapters/file-scan.ts'
import { isCursorKind, withCursorSource } from '../../../adapters/sources/open-source.ts'
import { Discovery } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { profileSample } from '../../../core/aam/sources/sample-profile.ts'
import { loadUsableConnection } from '../../../services/aam/load-connection.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'discoverConnection',
  method: 'post',
  path: '/v1/connections/{id}/discover',
  tags: ['connections'],
  summary: 'List the streams with their schemas and field profiles (from the newest file, or a sample of rows)',
  description: 'Reads and profiles; stores nothing and changes no stream.',
  security: bearerSecurity,
  // It calls the source with the stored credentials, so read-only viewers may not.
  middleware: [requireRole('member')] as const,
  request: { params: IdParam },
  responses: { 200: jsonBody(Discovery), ...problemResponses },
})

export const registerDiscoverConnection = (app: App) =>
  app.openapi(route, async (c) => {
    const services = c.get('services')
    const tenantId = c.get('tenantId')
    const connection = await loadUsableConnection(services, tenantId, c.req.valid('param').id)
    if (isCursorKind(connection.kind)) {
      const streams = await withCursorSource(services.config, connection, async (source) => {
        const out = []
        for (const [name, schema] of await source.discover()) {
          const rows = source.sample ? await source.sample(name, schema) : []
          const sampled = profileSample(schema, rows)
          out.push({
            name,
            latest_file_id: null,
            records_sampled: rows.length,
            unparseable_rows: 0,
            schema: sampled.schema,
            profile: sampled.profile,
          })
        }
        return out
      })
      return c.json({ streams }, 200)
    }
    const files = await withTenant(services.db, tenantId, (tx) => latestFilePerStream(tx, tenantId, connection.id))
    const streams = []
    for (const file of files) {
      const inferred = await inferFileSchema(services.env, connection, file)
      streams.push({
        name: file.streamName,
        latest_file_id: file.id,
        records_sampled: inferred.records,
        unparseable_rows: inferred.errors,
        schema: inferred.snapshot,
        profile: inferred.profile,
      })
    }
    return c.json({ streams }, 200)
  })
