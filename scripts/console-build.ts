/**
 * `npm run console:build`: builds the console (React Router SPA + DuckDB-WASM bundles) into
 * build/console/client, which wrangler serves as the Worker's static assets. With `--if-stale` it
 * only rebuilds when a console source is newer than the last build (npm start and npm test use that).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeConsoleHeaders } from './lib/console-headers.ts'

const root = join(import.meta.dirname, '..')
const client = join(root, 'build/console/client')
const stamp = join(client, '.built')
const SOURCES = [
  'app',
  'public',
  'vite.config.ts',
  'react-router.config.ts',
  'package-lock.json',
  'workers/contract',
  'scripts/lib/console-headers.ts',
  'scripts/lib/vite-duckdb-bundles.ts',
]

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

export function consoleIsStale(): boolean {
  if (!existsSync(stamp)) return true
  const built = statSync(stamp).mtimeMs
  return SOURCES.some((s) => newest(join(root, s)) > built)
}

export function buildConsole(log: (line: string) => void = console.log) {
  log('building the console (react-router build)…')
  const started = Date.now()
  const result = spawnSync('npx', ['react-router', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) {
    process.stderr.write(result.stdout)
    process.stderr.write(result.stderr)
    throw new Error('The console build failed; the output above says where.')
  }
  writeConsoleHeaders(client)
  writeFileSync(stamp, new Date().toISOString())
  log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--if-stale') && !consoleIsStale()) console.log('console build is up to date')
  else buildConsole()
}
