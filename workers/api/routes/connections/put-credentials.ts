import { createRoute } from '@hono/zod-openapi'
import { updateConnection } from '../../../adapters/db/aam-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { sealConnectionSecret } from '../../../adapters/sources/connection-secret.ts'
import { Connection, PutCredentialsBody } from '../../../contract/connections.ts'
import { IdParam } from '../../../contract/params.ts'
import { loadConnection } from '../../../services/aam/load-connection.ts'
import { presentConnection } from '../../../services/aam/present-connection.ts'
import { auditActor } from '../../../services/audit-actor.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { secretFor, validConfig } from './credentials.ts'

const route = createRoute({
  operationId: 'putConnectionCredentials',
  method: 'put',
  path: '/v1/connections/{id}/credentials',
  tags: ['connections'],
  summary: 'Set (or rotate) a connection’s credentials; completes a draft imported from asset discovery',
  description:
    'Send what the kind needs: `url` (postgres), `credentials` (salesforce) or `token` (airbyte), plus any `config` the draft still lacks. The old credentials are replaced; stored data is untouched.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { params: IdParam, body: jsonRequest(PutCredentialsBody) },
  responses: { 200: jsonBody(Connection), ...problemResponses, ...conflictResponse },
})

export const registerPutCredentials = (app: App) =>
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const tenantId = c.get('tenantId')
    const services = c.get('services')
    const current = await loadConnection(services, tenantId, id)
    if (current.kind === 'file')
      throw new ProblemError('conflict', 'A FileSource connection has no credentials: upload files to it instead.')
    const config = validConfig(services.config, current, body.config ?? {})
    const secret = secretFor({ ...body, kind: current.kind }, services.config.ALLOW_LOOPBACK_URLS)
    const secretCiphertext = await sealConnectionSecret(services.config, tenantId, secret as string)
    const row = await withTenant(services.db, tenantId, async (tx) => {
      const row = await updateConnection(tx, tenantId, id, { config, secretCiphertext, draft: false })
      await recordAudit(tx, tenantId, {
        ...auditActor(c.get('principal')),
        action: current.draft ? 'connection.completed' : 'connection.credentials_rotated',
        targetType: 'connection',
        targetId: id,
        requestId: c.get('requestId'),
      })
      return row
    })
    if (!row) throw new ProblemError('not_found', `No connection ${id} in this tenant.`)
    return c.json(presentConnection(row), 200)
  })
