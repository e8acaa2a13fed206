// The asset-discovery (AOD) service's API: `GET {base}/v1/assets` with a bearer token, paged by
// `next_page_token`. Each asset is validated; a malformed one is counted and skipped, never trusted.
import { type AodAsset, AodAssetPage, AodAsset as AssetSchema } from '../core/aod/assets.ts'
import { SourceError, sourceReason } from './sources/source-error.ts'

const PAGE_SIZE = 100
const MAX_PAGES = 20

export async function fetchAodAssets(baseUrl: string, token: string, fetcher: typeof fetch = fetch) {
  const base = baseUrl.replace(/\/+$/, '')
  const assets: AodAsset[] = []
  let invalid = 0
  let pageToken: string | null | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ page_size: String(PAGE_SIZE), ...(pageToken ? { page_token: pageToken } : {}) })
    let res: Response
    try {
      res = await fetcher(`${base}/v1/assets?${query}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        redirect: 'manual',
      })
    } catch (error) {
      throw new SourceError(
        `Asset discovery did not answer at ${base} (${sourceReason(error)}). Check its URL in Settings.`,
      )
    }
    if (res.status === 401 || res.status === 403)
      throw new SourceError('Asset discovery refused the token. Set a valid token in Settings → Asset discovery.')
    if (!res.ok) throw new SourceError(`Asset discovery answered /v1/assets with HTTP ${res.status}. Retry later.`)
    const body = AodAssetPage.safeParse(await res.json().catch(() => null))
    if (!body.success) throw new SourceError('Asset discovery answered with something that is not an asset list.')
    for (const raw of body.data.assets) {
      const asset = AssetSchema.safeParse(raw)
      if (asset.success) assets.push(asset.data)
      else invalid++
    }
    pageToken = body.data.next_page_token
    if (!pageToken) break
  }
  return { assets, invalid }
}
