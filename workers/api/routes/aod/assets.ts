import { createRoute, z } from '@hono/zod-openapi'
import { fetchAodAssets } from '../../../adapters/aod-client.ts'
import { insertConnection } from '../../../adapters/db/aam-repo.ts'
import { connectionsForAssets } from '../../../adapters/db/aod-repo.ts'
import { recordAudit } from '../../../adapters/db/audit-repo.ts'
import { withTenant } from '../../../adapters/db/client.ts'
import { Connection } from '../../../contract/connections.ts'
import { assetToDraft, DiscoveredAssetList, ImportBody } from '../../../core/aod/assets.ts'
import { presentConnection } from '../../../services/aam/present-connection.ts'
import type { App } from '../../app-env.ts'
import { auditActor } from '../../audit-actor.ts'
import { requireRole } from '../../middleware/require-role.ts'
import { bearerSecurity, conflictResponse, jsonBody, jsonRequest, problemResponses } from '../../openapi.ts'
import { aodAccess } from './aod-settings.ts'

const listRoute = createRoute({
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

const ImportResult = z
  .object({
    created: z.array(Connection),
    existing: z.array(Connection).openapi({ description: 'Assets imported before: their connections, unchanged' }),
    skipped: z.array(z.object({ asset_id: z.string(), reason: z.string() })),
  })
  .openapi('ImportAssetsResult')

const importRoute = createRoute({
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

export function registerAodAssets(app: App) {
  app.openapi(listRoute, async (c) => {
    const services = c.get('services')
    const tenantId = c.get('tenantId')
    const { baseUrl, token } = await aodAccess(services, tenantId)
    const { assets, invalid } = await fetchAodAssets(baseUrl, token)
    const imported = await withTenant(services.db, tenantId, (tx) =>
      connectionsForAssets(
        tx,
        tenantId,
        assets.map((a) => a.id),
      ),
    )
    const data = assets.map((asset) => {
      const draft = assetToDraft(asset)
      return {
        ...asset,
        importable: !('skipped' in draft),
        kind: 'skipped' in draft ? null : draft.kind,
        reason: 'skipped' in draft ? draft.skipped : null,
        connection_id: imported.get(asset.id)?.id ?? null,
      }
    })
    return c.json({ data, invalid }, 200)
  })

  app.openapi(importRoute, async (c) => {
    const services = c.get('services')
    const tenantId = c.get('tenantId')
    const wanted = new Set(c.req.valid('json').asset_ids)
    const { baseUrl, token } = await aodAccess(services, tenantId)
    const found = new Map((await fetchAodAssets(baseUrl, token)).assets.map((a) => [a.id, a]))
    const result = await withTenant(services.db, tenantId, async (tx) => {
      const existing = await connectionsForAssets(tx, tenantId, [...wanted])
      const out = {
        created: [] as ReturnType<typeof presentConnection>[],
        existing: [] as ReturnType<typeof presentConnection>[],
        skipped: [] as { asset_id: string; reason: string }[],
      }
      for (const id of wanted) {
        const asset = found.get(id)
        const before = existing.get(id)
        if (before) out.existing.push(presentConnection(before))
        else if (!asset) out.skipped.push({ asset_id: id, reason: 'asset discovery does not list this asset' })
        else {
          const draft = assetToDraft(asset)
          if ('skipped' in draft) {
            out.skipped.push({ asset_id: id, reason: draft.skipped })
            continue
          }
          const row = await insertConnection(tx, tenantId, {
            ...draft,
            driftPolicy: 'propagate',
            secretCiphertext: null,
            schedule: null,
            nextSyncAt: null,
            aodAssetId: asset.id,
          })
          out.created.push(presentConnection(row))
        }
      }
      if (out.created.length > 0)
        await recordAudit(tx, tenantId, {
          ...auditActor(c.get('principal')),
          action: 'aod.imported',
          targetType: 'connection',
          targetId: out.created.map((r) => r.id).join(','),
          metadata: { assets: out.created.map((r) => r.aod_asset_id) },
          requestId: c.get('requestId'),
        })
      return out
    })
    return c.json(result, 200)
  })
}
