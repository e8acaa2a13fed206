import { fetchAodAssets } from '../../adapters/aod-client.ts'
import { connectionsForAssets } from '../../adapters/db/aod-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { assetToDraft } from '../../core/aod/assets.ts'
import type { Services } from '../container.ts'
import { aodAccess } from './aod-access.ts'

/**
 * The assets asset discovery lists, each with the kind of connection it imports as (or why it cannot)
 * and, once imported, its connection.
 */
export async function listAodAssets(services: Services, tenantId: string) {
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
  return { data, invalid }
}
