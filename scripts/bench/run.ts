/** `npm run bench -- NAME`: runs scripts/bench/NAME.ts, which prints its figures as JSON. */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = import.meta.dirname
const available = readdirSync(dir)
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !['run.ts', 'stats.ts', 'bench-stack.ts', 'sse-client.ts'].includes(f) &&
      !f.endsWith('-worker.ts'),
  )
  .map((f) => f.replace(/\.ts$/, ''))
const name = process.argv[2]
if (!name || !existsSync(join(dir, `${name}.ts`)) || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME\navailable: ${available.join(', ')}`)
  process.exit(2)
}
const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, `${name}.ts`), ...process.argv.slice(3)], {
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
