import { z } from '@hono/zod-openapi'
import { AodAsset as DiscoveryAsset } from '../core/aod/assets.ts'

// The wire shapes of /v1/aod: the assets asset discovery found, and which of them to import.

/**
 * An asset as the discovery service describes it (core validates the service's answers with the same fields).
 * Rebuilt here because `.openapi()` exists only on schemas built after @hono/zod-openapi loaded.
 */
const AodAsset = z.object(DiscoveryAsset.shape).openapi('AodAsset')

export const DiscoveredAsset = AodAsset.extend({
  importable: z.boolean(),
  kind: z.string().nullable().openapi({ description: 'The connection kind it imports as' }),
  reason: z.string().nullable().openapi({ description: 'Why it cannot be imported, when it cannot' }),
  connection_id: z.uuid().nullable().openapi({ description: 'The connection it was imported as, if it was' }),
}).openapi('DiscoveredAsset')

export const DiscoveredAssetList = z
  .object({
    data: z.array(DiscoveredAsset),
    invalid: z.number().int().openapi({ description: 'Malformed assets skipped' }),
  })
  .openapi('DiscoveredAssetList')

export const ImportBody = z
  .object({ asset_ids: z.array(z.string().min(1).max(200)).min(1).max(100) })
  .openapi('ImportAssetsRequest')
