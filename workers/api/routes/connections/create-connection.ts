import { createRoute } from '@hono/zod-openapi'
import { insertConnection } from '../../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { sealConnectionSecret } from '../../../adapters/sources/connection-secret.ts'
import { Connection, CreateConnectionBody } from '../../../contract/connections.ts'
import { nextSyncAt } from '../../../core/aam/schedule.ts'
import { presentConnection } from '../../../services/aam/present-connection.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requireCallableUrls, secretFor } from './credentials.ts'

const route = createRoute({
  operationId: 'createConnection',
  method: 'post',
  path: '/v1/connections',
  tags: ['connections'],
  summary: 'Create a connection',
  description:
    "Kinds: `file` (upload CSV or JSON Lines to /v1/connections/{id}/files), `postgres` (any Postgres or Supabase URL), `salesforce` (a connected app's client credentials), `airbyte` (watch an Airbyte server's sync jobs). Credentials are write-only.",
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(CreateConnectionBody) },
  responses: { 201: jsonBody(Connection, 'Created'), ...problemResponses },
})

export const registerCreateConnection = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.valid('json')
    const tenantId = c.get('tenantId')
    const services = c.get('services')
    requireCallableUrls(body.config, services.config.ALLOW_LOOPBACK_URLS)
    const secret = secretFor(body, services.config.ALLOW_LOOPBACK_URLS)
    const secretCiphertext = secret === null ? null : await sealConnectionSecret(services.config, tenantId, secret)
    const row = await withTenant(services.db, tenantId, async (tx) => {
      const row = await insertConnection(tx, tenantId, {
        name: body.name,
        kind: body.kind,
        config: body.config,
        secretCiphertext,
        driftPolicy: body.drift_policy,
        schedule: body.schedule ?? null,
        nextSyncAt: nextSyncAt(body.schedule, new Date()),
      })
      await recordAudit(tx, tenantId, {
        ...auditActor(c.get('principal')),
        action: 'connection.created',
        targetType: 'connection',
        targetId: row.id,
        requestId: c.get('requestId'),
      })
      return row
    })
    return c.json(presentConnection(row), 201)
  })
