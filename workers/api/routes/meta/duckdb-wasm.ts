import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'

const DUCKDB_WASM_PATH = '/duckdb/duckdb-eh.wasm'

/**
 * DuckDB's 33 MB wasm is stored gzip-compressed (Cloudflare caps an asset at 25 MiB). Sent as-is with
 * `Content-Encoding: gzip`, the browser inflates it natively while it streams into the wasm compiler;
 * inflating it in page script instead cost over a second.
 */
export function registerDuckdbWasm(app: App) {
  app.get(DUCKDB_WASM_PATH, async (c) => {
    const asset = await c.env.ASSETS.fetch(new URL(`${DUCKDB_WASM_PATH}.gz`, c.req.url), {
      headers: { 'if-none-match': c.req.header('if-none-match') ?? '' },
    })
    if (asset.status === 304) return new Response(null, { status: 304, headers: asset.headers })
    if (!asset.ok || !asset.body)
      throw new ProblemError('not_found', 'The console build has no DuckDB engine; run `npm run console:build`.')
    const headers = new Headers({
      'content-type': 'application/wasm',
      'content-encoding': 'gzip',
      'cache-control': 'public, max-age=0, must-revalidate',
    })
    const etag = asset.headers.get('etag')
    if (etag) headers.set('etag', etag)
    return new Response(asset.body, { status: 200, headers, encodeBody: 'manual' })
  })
}
