// Writes the API's OpenAPI document to a file, without a running server: `tsx scripts/openapi-spec.ts [out.json]`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type Plugin } from 'esbuild'

const ROOT = join(import.meta.dirname, '..')
const CACHE = join(ROOT, 'node_modules/.cache/aos')

/**
 * Modules only workerd provides: `cloudflare:*` built-ins and what wrangler.toml's [[rules]] load as
 * wasm or text. Building the document runs none of them, so each becomes an empty CommonJS module
 * (CommonJS, so any named import of it resolves, to undefined).
 */
const workerdOnly: Plugin = {
  name: 'workerd-only-modules',
  setup(build) {
    build.onResolve({ filter: /^cloudflare:|\.wasm$|swagger-ui(-bundle\.js|\.css)$/ }, (args) => ({
      path: args.path,
      namespace: 'workerd-only',
    }))
    build.onLoad({ filter: /.*/, namespace: 'workerd-only' }, () => ({ contents: 'module.exports = {}' }))
  },
}

/** The document /openapi.json serves, from the same app and top-level config. */
async function openApiSpec(): Promise<unknown> {
  // Per process: checkouts that share one node_modules may build at once.
  const outfile = join(CACHE, `openapi-app-${process.pid}.bundle.mjs`)
  await build({
    stdin: {
      contents:
        "export { createApp } from './workers/api/index.ts'\nexport { openApiDocument } from './workers/api/openapi.ts'",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    // Packages load from node_modules at run time, as Node finds them from the cache folder.
    packages: 'external',
    plugins: [workerdOnly],
    logLevel: 'error',
  })
  try {
    const { createApp, openApiDocument } = (await import(
      pathToFileURL(outfile).href
    )) as typeof import('../workers/api/index.ts') & typeof import('../workers/api/openapi.ts')
    return createApp().getOpenAPI31Document(openApiDocument)
  } finally {
    rmSync(outfile, { force: true })
  }
}

const out = resolve(process.argv[2] ?? join(CACHE, 'openapi.json'))
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify(await openApiSpec(), null, 2)}\n`)
console.log(`OpenAPI document written to ${out}`)
