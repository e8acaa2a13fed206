/**
 * The console's static files are served by Cloudflare's asset layer without running the Worker, so
 * their headers come from a `_headers` file in the build (wrangler dev and the vitest plugin read it too).
 * The policy allows exactly the inline scripts React Router writes into index.html (theme boot,
 * hydration), by hash, so it has to be computed from each build.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pagePolicy } from '../../workers/core/http/csp.ts'

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g

const inlineScriptHashes = (html: string) => [
  ...new Set(
    [...html.matchAll(INLINE_SCRIPT)].map(
      ([, body]) =>
        `'sha256-${createHash('sha256')
          .update(body ?? '')
          .digest('base64')}'`,
    ),
  ),
]

function consoleHeaders(indexHtml: string): string {
  const policy = pagePolicy({
    // DuckDB compiles its wasm in a worker loaded from /duckdb/ (the worker gets this same policy).
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...inlineScriptHashes(indexHtml)],
    'worker-src': ["'self'"],
    // Radix and Recharts set inline styles.
    'style-src': ["'self'", "'unsafe-inline'"],
  })
  return [
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  X-Frame-Options: DENY',
    `  Content-Security-Policy: ${policy}`,
    // The DuckDB engine's names carry their content hash (scripts/lib/vite-duckdb-bundles.ts); the
    // wasm itself goes through the Worker, which sets the same.
    '/duckdb/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n')
}

export function writeConsoleHeaders(clientDir: string) {
  writeFileSync(join(clientDir, '_headers'), consoleHeaders(readFileSync(join(clientDir, 'index.html'), 'utf8')))
}
