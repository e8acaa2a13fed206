import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * A stand-in for the asset-discovery (AOD) service, mounted under `/aod`: `GET /aod/v1/assets` lists
 * the assets it discovered in a workspace, paged with `page_size` and `page_token`, behind a bearer
 * token. Any token `aod-<name>` is its own workspace with the same eight assets (ids carry the name);
 * anything else is a 401 `{error}`. `POST /aod/_control/<token>/assets` adds an asset (tests).
 */
type Asset = {
  id: string
  name: string
  type: string
  vendor: string
  endpoint: string | null
  environment: 'production' | 'staging' | 'development'
  owner: string
  discovered_at: string
  attributes: Record<string, unknown>
}

const SEED: Omit<Asset, 'id' | 'discovered_at'>[] = [
  {
    name: 'salesforce-prod',
    type: 'salesforce_org',
    vendor: 'Salesforce',
    endpoint: 'https://login.salesforce.com',
    environment: 'production',
    owner: 'RevOps',
    attributes: { edition: 'Enterprise', users: 412 },
  },
  {
    name: 'salesforce-uat',
    type: 'salesforce_org',
    vendor: 'Salesforce',
    endpoint: 'https://test.salesforce.com',
    environment: 'staging',
    owner: 'RevOps',
    attributes: { edition: 'Enterprise', sandbox: true },
  },
  {
    name: 'billing-db',
    type: 'postgres_database',
    vendor: 'Neon',
    endpoint: 'billing-db.acme.internal:5432',
    environment: 'production',
    owner: 'Finance',
    attributes: { database: 'billing', schema: 'billing' },
  },
  {
    name: 'product-analytics',
    type: 'supabase_project',
    vendor: 'Supabase',
    endpoint: 'db.abcd1234.supabase.co:5432',
    environment: 'production',
    owner: 'Product',
    attributes: { schema: 'public' },
  },
  {
    name: 'airbyte-oss',
    type: 'airbyte_workspace',
    vendor: 'Airbyte',
    endpoint: 'https://airbyte.acme.internal',
    environment: 'production',
    owner: 'Data Platform',
    attributes: { connections: 14 },
  },
  {
    name: 'support-exports',
    type: 'file_share',
    vendor: 'Amazon S3',
    endpoint: 's3://acme-support-exports',
    environment: 'production',
    owner: 'Support',
    attributes: { format: 'csv' },
  },
  {
    name: 'events-stream',
    type: 'kafka_topic',
    vendor: 'Confluent',
    endpoint: 'pkc-123.confluent.cloud:9092',
    environment: 'production',
    owner: 'Platform',
    attributes: { partitions: 12 },
  },
  {
    name: 'legacy-crm',
    type: 'mongodb_cluster',
    vendor: 'MongoDB Atlas',
    endpoint: 'cluster0.abcd.mongodb.net',
    environment: 'production',
    owner: 'Sales Ops',
    attributes: { database: 'crm' },
  },
]

export function createFakeAod() {
  const workspaces = new Map<string, Asset[]>()
  const assetsOf = (token: string) => {
    let assets = workspaces.get(token)
    if (!assets) {
      const tag = token.slice(4)
      assets = SEED.map((a, i) => ({
        ...a,
        id: `ast_${tag}_${String(i + 1).padStart(3, '0')}`,
        discovered_at: new Date(Date.UTC(2026, 10, 1 + i, 9)).toISOString(),
      }))
      workspaces.set(token, assets)
    }
    return assets
  }
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))

  return async function fakeAod(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://aod.local')
    if (!url.pathname.startsWith('/aod/')) return false
    const control = /^\/aod\/_control\/(aod-[\w-]+)\/assets$/.exec(url.pathname)
    if (control && req.method === 'POST') {
      const asset = JSON.parse(body || '{}') as Partial<Asset>
      const assets = assetsOf(control[1] as string)
      const added: Asset = {
        id: `ast_${control[1]?.slice(4)}_${String(assets.length + 1).padStart(3, '0')}`,
        name: asset.name ?? 'new-asset',
        type: asset.type ?? 'postgres_database',
        vendor: asset.vendor ?? 'Unknown',
        endpoint: asset.endpoint ?? null,
        environment: asset.environment ?? 'production',
        owner: asset.owner ?? 'Unknown',
        discovered_at: new Date().toISOString(),
        attributes: asset.attributes ?? {},
      }
      assets.push(added)
      json(res, 200, added)
      return true
    }
    if (url.pathname !== '/aod/v1/assets' || req.method !== 'GET') {
      json(res, 404, { error: 'not_found' })
      return true
    }
    const token = /^Bearer (aod-[\w-]+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (!token) {
      json(res, 401, { error: 'invalid_token', message: 'A valid AOD API token is required.' })
      return true
    }
    const size = Math.min(Math.max(Number(url.searchParams.get('page_size') ?? 50) || 50, 1), 100)
    const start = Number(url.searchParams.get('page_token') ?? 0) || 0
    const assets = assetsOf(token)
    const page = assets.slice(start, start + size)
    json(res, 200, { assets: page, next_page_token: start + size < assets.length ? String(start + size) : null })
    return true
  }
}
