/**
 * Ships DuckDB-WASM with the console, offline: the EH build's 33 MB .wasm is over Cloudflare's 25 MiB
 * per-asset limit, so it is written gzip-compressed and the browser inflates it (app/lib/duckdb.ts).
 * The compressed file is cached per DuckDB version, so rebuilding the console stays quick.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs'
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
  return {
    name: 'aos-duckdb-bundles',
    apply: 'build',
    async writeBundle(options) {
      if (this.environment.name !== 'client' || !options.dir) return
      const out = join(options.dir, DUCKDB_ASSET_DIR)
      mkdirSync(out, { recursive: true })
      await copyFile(await compressedWasm(), join(out, `${WASM}.gz`))
      await copyFile(join(duckdbDist().dist, WORKER), join(out, WORKER))
    },
  }
}
