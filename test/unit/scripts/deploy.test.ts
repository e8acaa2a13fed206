import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const ALL_SECRETS = [
  'DATABASE_URL',
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'JWT_PRIVATE_JWK',
  'DATA_ENCRYPTION_KEY',
  'EMAIL_API_KEY',
].map((name) => ({ name, type: 'secret_text' }))

/**
 * `npm run deploy` against a stand-in wrangler that logs each call and answers as Cloudflare would:
 * `secrets` for `secret list`, "already taken" for the queue `existing`, an auth error for R2.
 */
function deployWith(secrets: { name: string }[], existing: string) {
  const dir = mkdtempSync(join(tmpdir(), 'aos-deploy-test-'))
  const calls = join(dir, 'calls.log')
  const stand = join(dir, 'wrangler')
  writeFileSync(
    stand,
    `#!/bin/sh
echo "$*" >> ${calls}
case "$*" in
  "secret list"*) echo '${JSON.stringify(secrets)}' ;;
  "queues create ${existing}") echo "Queue name '${existing}' is already taken [code: 11009]" >&2; exit 1 ;;
  "r2 bucket create"*) echo "Authentication error [code: 10000]" >&2; exit 1 ;;
esac
`,
  )
  chmodSync(stand, 0o755)
  // No database in the shell: the migrations step must not reach one.
  const env = Object.fromEntries(
    Object.entries({ ...process.env, AOS_WRANGLER: stand }).filter(([name]) => !name.endsWith('DATABASE_URL')),
  )
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/deploy.ts'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  })
  const log = (() => {
    try {
      return readFileSync(calls, 'utf8').trim().split('\n')
    } catch {
      return []
    }
  })()
  return { status: result.status, output: result.stdout + result.stderr, calls: log }
}

// Each run loads wrangler's module to read wrangler.toml: seconds on a busy machine.
describe('npm run deploy', { timeout: 120_000 }, () => {
  it('stops before creating anything when a secret the Worker needs is missing, naming it', () => {
    const run = deployWith(
      ALL_SECRETS.filter((s) => s.name !== 'EMAIL_API_KEY'),
      'none',
    )
    expect(run.status).toBe(1)
    expect(run.output).toContain('missing EMAIL_API_KEY')
    expect(run.calls).toEqual(['secret list --name autonomos --format json'])
  })

  it("counts an existing queue as done, creates the rest, and stops on a real failure with wrangler's words", () => {
    const run = deployWith(ALL_SECRETS, 'sync-jobs')
    expect(run.status).toBe(1)
    expect(run.calls).toContain('queues create canonical-events-dlq')
    expect(run.output).toMatch(/queue sync-jobs\s+existed/)
    expect(run.output).toMatch(/queue canonical-events\s+created/)
    expect(run.output).toContain('Authentication error [code: 10000]')
    expect(run.output).toMatch(/R2 bucket aos-source-files\s+failed/)
    expect(run.calls.some((call) => call.startsWith('deploy'))).toBe(false)
  })
})
