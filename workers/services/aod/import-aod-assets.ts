import { fetchAodAssets } from '../../adapters/aod-client.ts'
import { type ConnectionRow, insertConnection } from '../../adapters/db/aam-repo.ts'
import { connectionsForAssets } from '../../adapters/db/aod-repo.ts'
import { recordAudit } from '../../adapters/db/audit-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { assetToDraft } from '../../core/aod/assets.ts'
import { presentConnections } from '../aam/connection-health.ts'
import type { Actor } from '../audit-actor.ts'
import type { Services } from '../container.ts'
import { aodAccess } from './aod-access.ts'

/**
 * Imports discovered assets as connections: drafts until their credentials are set (a file share is
 * usable at once). An asset imported before returns its existing connection, unchanged.
 */
export async function importAodAssets(
  services: Services,
  tenantId: string,
  input: { assetIds: readonly string[]; actor: Actor },
) {
  const wanted = new Set(input.assetIds)
  const { baseUrl, token } = await aodAccess(services, tenantId)
  const found = new Map((await fetchAodAssets(baseUrl, token)).assets.map((a) => [a.id, a]))
  return withTenant(services.db, tenantId, async (tx) => {
    const existing = await connectionsForAssets(tx, tenantId, [...wanted])
    const out = {
      created: [] as ConnectionRow[],
      existing: [] as ConnectionRow[],
      skipped: [] as { asset_id: string; reason: string }[],
    }
    for (const id of wanted) {
      const asset = found.get(id)
      const before = existing.get(id)
      if (before) out.existing.push(before)
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
        out.created.push(row)
      }
    }
    if (out.created.length > 0)
      await recordAudit(tx, tenantId, {
        ...input.actor,
        action: 'aod.imported',
        targetType: 'connection',
        targetId: out.created.map((r) => r.id).join(','),
        metadata: { assets: out.created.map((r) => r.aodAssetId) },
      })
    return {
      created: await presentConnections(tx, tenantId, out.created),
      existing: await presentConnections(tx, tenantId, out.existing),
      skipped: out.skipped,
    }
  })
}
