/**
 * Ships DuckDB-WASM with the console, offline: the EH build's 18 MB .wasm is written gzip-compressed
 * (4 MB to download, and under Cloudflare's 25 MiB per-asset limit, which the 33 MB of later DuckDB-WASM
 * builds exceed) and the Worker serves it with Content-Encoding: gzip (workers/api/routes/meta/duckdb-wasm.ts). The compressed file is cached per DuckDB version, so
 * rebuilding the console stays quick.
 *
 * Both engine files get content-hashed names (the app reads them from `import.meta.env`, and
 * duckdb-engine.json, outside the immutable /duckdb/ folder, lists them for tests and the bench), so they can be cached as immutable: a new
 * DuckDB version is a new name, never a stale cached file.
 */
import { createHash } from 'node:crypto'
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { copyFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { Plugin } from 'vite'

const DUCKDB_ASSET_DIR = 'duckdb'
const WASM = 'duckdb-eh.wasm'
const WORKER = 'duckdb-browser-eh.worker.js'

function duckdbDist() {
  // The package's exports hide package.json; its browser bundle sits in dist/ beside the wasm files.
  const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-browser.mjs'))
  const version = (JSON.parse(readFileSync(join(dist, '../package.json'), 'utf8')) as { version: string }).version
  return { dist, version }
}

const contentHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16)

/** `duckdb-eh.wasm` → `duckdb-eh.<hash>.wasm`, hashing the uncompressed file. */
const hashedName = (name: string, file: string) => name.replace(/\.(wasm|worker\.js)$/, `.${contentHash(file)}.$1`)

/** The engine's public paths for this build of @duckdb/duckdb-wasm. */
export function duckdbEngine() {
  const { dist } = duckdbDist()
  return {
    wasm: `/${DUCKDB_ASSET_DIR}/${hashedName(WASM, join(dist, WASM))}`,
    worker: `/${DUCKDB_ASSET_DIR}/${hashedName(WORKER, join(dist, WORKER))}`,
  }
}

async function compressedWasm(): Promise<string> {
  const { dist, version } = duckdbDist()
  const cached = join(import.meta.dirname, '../../node_modules/.cache/aos-duckdb', `${version}-${WASM}.gz`)
  if (!existsSync(cached)) {
    mkdirSync(dirname(cached), { recursive: true })
    const partial = `${cached}.partial`
    await pipeline(createReadStream(join(dist, WASM)), createGzip({ level: 9 }), createWriteStream(partial))
    await copyFile(partial, cached)
  }
  return cached
}

export function duckdbBundles(): Plugin {
  const engine = duckdbEngine()
  return {
    name: 'aos-duckdb-bundles',
    config: () => ({
      define: {
        'import.meta.env.VITE_DUCKDB_WASM': JSON.stringify(engine.wasm),
        'import.meta.env.VITE_DUCKDB_WORKER': JSON.stringify(engine.worker),
      },
    }),
    async writeBundle(options) {
      if (this.environment.name !== 'client' || !options.dir) return
      const out = join(options.dir, DUCKDB_ASSET_DIR)
      // Files of an earlier DuckDB version would otherwise pile up in the build.
      rmSync(out, { recursive: true, force: true })
      mkdirSync(out, { recursive: true })
      await copyFile(await compressedWasm(), join(options.dir, `${engine.wasm}.gz`))
      await copyFile(join(duckdbDist().dist, WORKER), join(options.dir, engine.worker))
      writeFileSync(join(options.dir, 'duckdb-engine.json'), JSON.stringify(engine))
    },
  }
}
