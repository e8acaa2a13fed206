// Assets found by the asset-discovery (AOD) service, and the draft connection each kind becomes. The
// service's answers are validated here like any other input: a malformed asset is skipped with its reason.
import { z } from 'zod'
import type { ConnectionKind } from '../aam/connectors/registry.ts'

export const AodAsset = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  vendor: z.string().max(200).nullish(),
  endpoint: z.string().max(1000).nullish(),
  environment: z.string().max(100).nullish(),
  owner: z.string().max(200).nullish(),
  discovered_at: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
})
export type AodAsset = z.infer<typeof AodAsset>

export const AodAssetPage = z.object({ assets: z.array(z.unknown()), next_page_token: z.string().nullish() })

export type DraftConnection = {
  kind: ConnectionKind
  name: string
  config: Record<string, unknown>
  /** A FileSource needs no credentials: it is usable at once. */
  draft: boolean
}

const https = (endpoint: string | null | undefined) =>
  endpoint && /^https:\/\//.test(endpoint) ? endpoint.replace(/\/+$/, '') : undefined

/** The connection an asset becomes, or why it cannot become one. */
export function assetToDraft(asset: AodAsset): DraftConnection | { skipped: string } {
  const name = `${asset.name} (AOD)`.slice(0, 120)
  const attributes = asset.attributes ?? {}
  switch (asset.type) {
    case 'salesforce_org':
      return {
        kind: 'salesforce',
        name,
        draft: true,
        config: { login_url: https(asset.endpoint) ?? 'https://login.salesforce.com' },
      }
    case 'postgres_database':
    case 'supabase_project':
      return {
        kind: 'postgres',
        name,
        draft: true,
        config: typeof attributes.schema === 'string' ? { schema: attributes.schema } : {},
      }
    case 'airbyte_workspace': {
      const base = https(asset.endpoint)
      return base
        ? { kind: 'airbyte', name, draft: true, config: { base_url: base } }
        : { skipped: 'the Airbyte workspace has no https endpoint' }
    }
    case 'mongodb_cluster':
      return {
        kind: 'mongodb',
        name,
        draft: true,
        config: typeof attributes.database === 'string' ? { database: attributes.database } : {},
      }
    case 'file_share':
      return {
        kind: 'file',
        name,
        draft: false,
        config: { format: attributes.format === 'jsonl' ? 'jsonl' : 'csv', delimiter: ',' },
      }
    default:
      return { skipped: `no connector for ${asset.type} assets yet` }
  }
}
