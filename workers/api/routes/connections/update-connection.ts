import { createRoute } from '@hono/zod-openapi'
import { softDeleteConnection, updateConnection } from '../../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { Connection, PatchConnectionBody } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { nextSyncAt } from '../../../core/aam/schedule.ts'
import { loadConnection } from '../../../services/aam/load-connection.ts'
import { presentConnection } from '../../../services/aam/present-connection.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { validConfig } from './credentials.ts'

const patch = createRoute({
  operationId: 'updateConnection',
  method: 'patch',
  path: '/v1/connections/{id}',
  tags: ['connections'],
  summary: 'Rename a connection or change its drift policy',
  description: 'Settings only: stored records, streams and files are never dropped, truncated or recreated.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam, body: jsonRequest(PatchConnectionBody) },
  responses: { 200: jsonBody(Connection), ...problemResponses },
})

const remove = createRoute({
  operationId: 'deleteConnection',
  method: 'delete',
  path: '/v1/connections/{id}',
  tags: ['connections'],
  summary: 'Delete a connection (it stops syncing; its stored data is kept)',
  security: bearerSecurity,
  middleware: [requireRole('admin')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problemResponses },
})

export const registerWriteConnections = (app: App) => {
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const tenantId = c.get('tenantId')
    const services = c.get('services')
    const config = body.config
      ? validConfig(services.config, await loadConnection(services, tenantId, id), body.config)
      : undefined
    const row = await withTenant(c.get('services').db, tenantId, async (tx) => {
      const row = await updateConnection(tx, tenantId, id, {
        ...(config ? { config } : {}),
        ...(body.name ? { name: body.name } : {}),
        ...(body.drift_policy ? { driftPolicy: body.drift_policy } : {}),
        ...(body.schedule !== undefined
          ? { schedule: body.schedule, nextSyncAt: nextSyncAt(body.schedule, new Date()) }
          : {}),
      })
      if (row) {
        await recordAudit(tx, tenantId, {
          ...auditActor(c.get('principal')),
          action: 'connection.updated',
          targetType: 'connection',
          targetId: id,
          metadata: body,
          requestId: c.get('requestId'),
        })
      }
      return row
    })
    if (!row) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
    return c.json(presentConnection(row), 200)
  })
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param')
    const tenantId = c.get('tenantId')
    const deleted = await withTenant(c.get('services').db, tenantId, async (tx) => {
      const deleted = await softDeleteConnection(tx, tenantId, id)
      if (deleted) {
        await recordAudit(tx, tenantId, {
          ...auditActor(c.get('principal')),
          action: 'connection.deleted',
          targetType: 'connection',
          targetId: id,
          requestId: c.get('requestId'),
        })
      }
      return deleted
    })
    if (!deleted) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
    return c.body(null, 204)
  })
}
