import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * The `mongodb` driver as one ES module, for the integration tests only: the Workers test pool's
 * CommonJS loader resolves the driver's own `require('bson')` to the file requiring it (a stack
 * overflow), while `wrangler dev` and deploys bundle the driver without trouble. Built once per
 * driver version, into node_modules/.cache.
 */
export function mongodbTestBundle(): string {
  const version = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules/mongodb/package.json'), 'utf8')) as { version: string }
  ).version
  const dir = join(ROOT, 'node_modules/.cache/aos')
  const out = join(dir, `mongodb-${version}.bundle.mjs`)
  if (existsSync(out)) return out
  mkdirSync(dir, { recursive: true })
  const entry = join(dir, 'mongodb-entry.mjs')
  writeFileSync(
    entry,
    "import m from 'mongodb'\nexport const { MongoClient, BSON, ObjectId, Long, Decimal128, MongoServerError } = m\nexport default m\n",
  )
  buildSync({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    nodePaths: [join(ROOT, 'node_modules')],
    // Optional native or cloud-auth add-ons the driver loads only when configured to.
    external: [
      '@aws-sdk/*',
      '@mongodb-js/zstd',
      'gcp-metadata',
      'kerberos',
      'mongodb-client-encryption',
      'snappy',
      'socks',
      'aws4',
    ],
    banner: {
      js: "import { createRequire as __aosRequire } from 'node:module'; const require = __aosRequire(import.meta.url);",
    },
    logLevel: 'error',
  })
  return out
}
