import { createRoute, z } from '@hono/zod-openapi'
import { ImportBody } from '../../../contract/aod.ts'
import { Connection } from '../../../contract/connections.ts'
import { importAodAssets } from '../../../services/aod/import-aod-assets.ts'
import type { App } from '../../app-env.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { requestActor } from '../../request-actor.ts'

const ImportResult = z
  .object({
    created: z.array(Connection),
    existing: z.array(Connection).openapi({ description: 'Assets imported before: their connections, unchanged' }),
    skipped: z.array(z.object({ asset_id: z.string(), reason: z.string() })),
  })
  .openapi('ImportAssetsResult')

const route = createRoute({
  operationId: 'importAodAssets',
  method: 'post',
  path: '/v1/aod/import',
  tags: ['aod'],
  summary: 'Import discovered assets as draft connections',
  description:
    'Each importable asset becomes a connection (a draft until its credentials are set with PUT /v1/connections/{id}/credentials; a file share is usable at once). Importing an asset again returns its existing connection.',
  security: bearerSecurity,
  middleware: [requireRole('member')] as const,
  request: { body: jsonRequest(ImportBody) },
  responses: { 200: jsonBody(ImportResult), ...problemResponses, ...conflictResponse },
})

export const registerImportAodAssets = (app: App) =>
  app.openapi(route, async (c) => {
    const result = await importAodAssets(c.get('services'), c.get('tenantId'), {
      assetIds: c.req.valid('json').asset_ids,
      actor: requestActor(c),
    })
    return c.json(result, 200)
  })
