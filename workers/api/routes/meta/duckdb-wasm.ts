import { ProblemError } from '../../../services/problem-error.ts'
import type { App } from '../../app-env.ts'

/** Only the content-hashed name the console build writes (scripts/lib/vite-duckdb-bundles.ts). */
const DUCKDB_WASM_PATH = '/duckdb/:file{duckdb-eh\\.[0-9a-f]{16}\\.wasm}'

/**
 * DuckDB's 18 MB wasm is stored gzip-compressed (4 MB; Cloudflare caps an asset at 25 MiB). Sent as-is with
 * `Content-Encoding: gzip`, the browser inflates it natively while it streams into the wasm compiler;
 * inflating it in page script instead cost over a second. Its name carries its content hash, so a
 * browser keeps it for a year without revalidating (a new engine is a new name).
 */
export function registerDuckdbWasm(app: App) {
  app.get(DUCKDB_WASM_PATH, async (c) => {
    const asset = await c.env.ASSETS.fetch(new URL(`/duckdb/${c.req.param('file')}.gz`, c.req.url), {
      headers: { 'if-none-match': c.req.header('if-none-match') ?? '' },
    })
    const etag = asset.headers.get('etag')
    const cache = { 'cache-control': 'public, max-age=31536000, immutable', ...(etag ? { etag } : {}) }
    if (asset.status === 304) return new Response(null, { status: 304, headers: cache })
    // A missing file comes back as the console's index.html (single-page-application fallback).
    if (!asset.ok || !asset.body || asset.headers.get('content-type')?.startsWith('text/html'))
      throw new ProblemError(
        'not_found',
        'This console build has no such DuckDB engine; reload the console, or run `npm run console:build`.',
      )
    const headers = { 'content-type': 'application/wasm', 'content-encoding': 'gzip', ...cache }
    return new Response(asset.body, { status: 200, headers, encodeBody: 'manual' })
  })
}
