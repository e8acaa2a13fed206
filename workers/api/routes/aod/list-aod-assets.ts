import { createRoute } from '@hono/zod-openapi'
import { DiscoveredAssetList } from '../../../contract/aod.ts'
import { listAodAssets } from '../../../services/aod/list-aod-assets.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, problemResponses } from '../../openapi.ts'

const route = createRoute({
  operationId: 'listAodAssets',
  method: 'get',
  path: '/v1/aod/assets',
  tags: ['aod'],
  summary: 'Assets the asset-discovery service found, each with the connection it imports as',
  security: bearerSecurity,
  // It calls asset discovery with the tenant's stored token, so read-only viewers may not.
  middleware: [requireRole('member')] as const,
  responses: { 200: jsonBody(DiscoveredAssetList), ...problemResponses, ...conflictResponse },
})

export const registerListAodAssets = (app: App) =>
  app.openapi(route, async (c) => c.json(await listAodAssets(c.get('services'), c.get('tenantId')), 200))
