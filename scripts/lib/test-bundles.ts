import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * A CommonJS package as one ES module, for the integration tests only: the Workers test pool's
 * CommonJS loader resolves some `require`s differently from wrangler's bundler (see each caller), while
 * `wrangler dev` and deploys bundle these packages without trouble. Built once per package version,
 * into node_modules/.cache.
 */
function esmTestBundle(pkg: string, entry: string, options: { external?: string[]; conditions?: string[] } = {}) {
  const version = (
    JSON.parse(readFileSync(join(ROOT, `node_modules/${pkg}/package.json`), 'utf8')) as { version: string }
  ).version
  const dir = join(ROOT, 'node_modules/.cache/aos')
  const out = join(dir, `${pkg}-${version}.bundle.mjs`)
  if (existsSync(out)) return out
  mkdirSync(dir, { recursive: true })
  const entryFile = join(dir, `${pkg}-entry.mjs`)
  writeFileSync(entryFile, entry)
  buildSync({
    entryPoints: [entryFile],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    nodePaths: [join(ROOT, 'node_modules')],
    external: options.external ?? [],
    conditions: options.conditions ?? [],
    banner: {
      js: "import { createRequire as __aosRequire } from 'node:module'; const require = __aosRequire(import.meta.url);",
    },
    logLevel: 'error',
  })
  return out
}

/** The `mongodb` driver: the pool resolves its own `require('bson')` to the file requiring it (a stack overflow). */
export const mongodbTestBundle = () =>
  esmTestBundle(
    'mongodb',
    "import m from 'mongodb'\nexport const { MongoClient, BSON, ObjectId, Long, Decimal128, MongoServerError } = m\nexport default m\n",
    {
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
    },
  )

/**
 * `pg` (the platform database over TCP, e.g. Supabase): the pool hands its `require('pg-cloudflare')`
 * the package's empty default instead of the workerd build that opens `cloudflare:sockets`.
 */
export const pgTestBundle = () =>
  esmTestBundle('pg', "import pg from 'pg'\nexport const { Pool, Client, types } = pg\nexport default pg\n", {
    external: ['cloudflare:sockets', 'pg-native'],
    conditions: ['workerd', 'worker'],
  })
