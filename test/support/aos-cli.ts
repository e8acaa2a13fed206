// Running `tsx scripts/aos.ts` as a user does, and writing its input files, for the CLI tests.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const repo = join(import.meta.dirname, '../..')
const tsx = join(repo, 'node_modules/.bin/tsx')

/** Runs the CLI with `args`; exit code, stdout and stderr. */
export function aos(...args: string[]) {
  const r = spawnSync(tsx, ['scripts/aos.ts', ...args], { cwd: repo, encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A fresh temporary folder and a writer of files into it (returning their paths). */
export function scratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const file = (name: string, content: string) => {
    const p = join(dir, name)
    writeFileSync(p, content)
    return p
  }
  return { dir, file }
}
