import { createRoute } from '@hono/zod-openapi'
import { decryptText, encryptText } from '../../../adapters/crypto.ts'
import { deleteAodSettings, findAodSettings, saveAodSettings } from '../../../adapters/db/aod-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { AodSettings, PutAodBody } from '../../../core/aod/assets.ts'
import { requireCallableUrl } from '../../../services/aam/connection-settings.ts'
import type { Services } from '../../../services/container.ts'
import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'
import { auditActor } from '../../audit-actor.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'

const admin = { tags: ['settings'], security: bearerSecurity, middleware: requireRole('admin') }

const getRoute = createRoute({
  ...admin,
  operationId: 'getAodSettings',
  method: 'get',
  path: '/v1/settings/aod',
  summary: 'Where the asset-discovery service answers (the token is never returned)',
  responses: { 200: jsonBody(AodSettings), ...problemResponses },
})
const putRoute = createRoute({
  ...admin,
  operationId: 'putAodSettings',
  method: 'put',
  path: '/v1/settings/aod',
  summary: 'Connect the asset-discovery service (its token is stored encrypted)',
  request: { body: jsonRequest(PutAodBody) },
  responses: { 200: jsonBody(AodSettings), ...problemResponses },
})
const deleteRoute = createRoute({
  ...admin,
  operationId: 'deleteAodSettings',
  method: 'delete',
  path: '/v1/settings/aod',
  summary: 'Disconnect asset discovery (imported connections stay)',
  responses: { 204: { description: 'Removed' }, ...problemResponses },
})

type Row = Awaited<ReturnType<typeof findAodSettings>>
const present = (row: Row) => ({
  configured: row !== null,
  base_url: row?.baseUrl ?? null,
  updated_at: row?.updatedAt.toISOString() ?? null,
})

// The token is sealed with a context of its own, so no other stored secret can stand in for it.
const context = (tenantId: string) => `aod:${tenantId}`

/** The tenant's AOD service and token, or a 409 saying to connect it first. */
export async function aodAccess(services: Services, tenantId: string) {
  const row = await withTenant(services.db, tenantId, (tx) => findAodSettings(tx, tenantId))
  const token = row && (await decryptText(services.config.DATA_ENCRYPTION_KEY, row.tokenCiphertext, context(tenantId)))
  if (!row || !token)
    throw new ProblemError(
      'conflict',
      'Asset discovery is not connected: set its URL and token with PUT /v1/settings/aod (Settings → Asset discovery).',
    )
  return { baseUrl: row.baseUrl, token }
}

export function registerAodSettings(app: App) {
  app.openapi(getRoute, async (c) => {
    const tenantId = c.get('tenantId')
    return c.json(present(await withTenant(c.get('services').db, tenantId, (tx) => findAodSettings(tx, tenantId))), 200)
  })
  app.openapi(putRoute, async (c) => {
    const { base_url, token } = c.req.valid('json')
    const { db, config } = c.get('services')
    const tenantId = c.get('tenantId')
    requireCallableUrl('base_url', base_url, config.ALLOW_LOOPBACK_URLS)
    const ciphertext = await encryptText(config.DATA_ENCRYPTION_KEY, token, context(tenantId))
    const row = await withTenant(db, tenantId, async (tx) => {
      const row = await saveAodSettings(tx, tenantId, base_url.replace(/\/+$/, ''), ciphertext)
      await recordAudit(tx, tenantId, {
        ...auditActor(c.get('principal')),
        action: 'settings.aod.updated',
        targetType: 'settings',
        targetId: 'aod',
        requestId: c.get('requestId'),
      })
      return row ?? null
    })
    return c.json(present(row), 200)
  })
  app.openapi(deleteRoute, async (c) => {
    const tenantId = c.get('tenantId')
    await withTenant(c.get('services').db, tenantId, (tx) => deleteAodSettings(tx, tenantId))
    return c.body(null, 204)
  })
}
