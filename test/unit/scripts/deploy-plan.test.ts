import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { experimental_readRawConfig } from 'wrangler'
import {
  alreadyExists,
  deployPlan,
  missingSecrets,
  PlanError,
  provisionCommands,
  secretNames,
} from '../../../scripts/lib/deploy-plan.ts'

const wranglerToml = () =>
  experimental_readRawConfig({ config: join(import.meta.dirname, '..', '..', '..', 'wrangler.toml') }).rawConfig

/** Every value under `key` anywhere in the config, found without the plan's own reading of it. */
function valuesOf(node: unknown, key: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => valuesOf(item, key))
  if (typeof node !== 'object' || node === null) return []
  return Object.entries(node).flatMap(([k, v]) => (k === key && typeof v === 'string' ? [v] : valuesOf(v, key)))
}

const minimal = { name: 'w', main: 'index.ts' }

describe('npm run deploy provisions what wrangler.toml binds', () => {
  it('creates every queue, dead-letter queue and R2 bucket wrangler.toml names', () => {
    const raw = wranglerToml()
    const commands = provisionCommands(deployPlan(raw)).map((c) => c.args.join(' '))
    const queues = [...valuesOf(raw, 'queue'), ...valuesOf(raw, 'dead_letter_queue')]
    expect(queues).toContain('canonical-events-dlq')
    for (const queue of queues) expect(commands).toContain(`queues create ${queue}`)
    const buckets = valuesOf(raw, 'bucket_name')
    expect(buckets).toContain('aos-source-files')
    for (const bucket of buckets) expect(commands).toContain(`r2 bucket create ${bucket}`)
  })

  it("has a migration for each of wrangler.toml's Durable Object classes", () => {
    const plan = deployPlan(wranglerToml())
    expect(plan.durableObjects.map((d) => d.className).sort()).toEqual(valuesOf(wranglerToml(), 'class_name').sort())
  })

  it('refuses a kind of binding it does not know how to provision, naming it', () => {
    const raw = { ...minimal, kv_namespaces: [{ binding: 'CACHE', id: 'x' }] }
    expect(() => deployPlan(raw)).toThrow(PlanError)
    expect(() => deployPlan(raw)).toThrow(/kv_namespaces/)
  })

  it('provisions a dead-letter queue that only a consumer names, once', () => {
    const plan = deployPlan({
      ...minimal,
      queues: {
        consumers: [
          { queue: 'a', dead_letter_queue: 'a-dlq' },
          { queue: 'b', dead_letter_queue: 'a-dlq' },
        ],
      },
    })
    expect(plan.queues).toEqual(['a', 'a-dlq', 'b'])
  })

  it("refuses a Durable Object class no migration creates, and leaves another Worker's classes alone", () => {
    const bindings = [{ name: 'HUB', class_name: 'Hub' }]
    expect(() => deployPlan({ ...minimal, durable_objects: { bindings } })).toThrow(/Hub has no \[\[migrations\]\]/)
    const plan = deployPlan({
      ...minimal,
      durable_objects: { bindings: [...bindings, { name: 'OTHER', class_name: 'Other', script_name: 'other-worker' }] },
      migrations: [{ tag: 'v1', new_sqlite_classes: ['Hub'] }],
    })
    expect(plan.durableObjects).toEqual([{ binding: 'HUB', className: 'Hub', migration: 'v1' }])
  })

  it('names the field when wrangler.toml is malformed', () => {
    expect(() => deployPlan({ ...minimal, r2_buckets: [{ binding: 'FILES' }] })).toThrow(/r2_buckets\.0\.bucket_name/)
  })
})

describe('wrangler answers', () => {
  it('treats "already exists" (R2) and "already taken" (queues) as done, anything else as a failure', () => {
    expect(alreadyExists('✘ [ERROR] A bucket with this name already exists and you own it. [code: 10004]')).toBe(true)
    expect(alreadyExists('[code: 10004]')).toBe(true)
    expect(alreadyExists("Queue name 'sync-jobs' is already taken [code: 11009]")).toBe(true)
    expect(alreadyExists('Authentication error [code: 10000]')).toBe(false)
    expect(alreadyExists('')).toBe(false)
  })

  it('reads the secret names `wrangler secret list` prints, and refuses anything else', () => {
    expect(secretNames('[{"name":"DATABASE_URL","type":"secret_text"}]')).toEqual(['DATABASE_URL'])
    expect(() => secretNames('not json')).toThrow()
  })
})

describe('required secrets come from the Worker config schema', () => {
  const vars = deployPlan(wranglerToml()).vars
  const all = ['DATABASE_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'JWT_PRIVATE_JWK']
  const set = [...all, 'DATA_ENCRYPTION_KEY', 'EMAIL_API_KEY']

  it('lists every secret parseConfig needs when none is set', () => {
    expect(missingSecrets(vars, [])).toEqual([
      'DATABASE_URL (required unless SUPABASE_DATABASE_URL is set)',
      'DATA_ENCRYPTION_KEY',
      'EMAIL_API_KEY',
      'JWT_PRIVATE_JWK',
      'UPSTASH_REDIS_REST_TOKEN',
      'UPSTASH_REDIS_REST_URL',
    ])
  })

  it('is satisfied by the full set, with SUPABASE_DATABASE_URL standing in for DATABASE_URL', () => {
    expect(missingSecrets(vars, set)).toEqual([])
    expect(missingSecrets(vars, [...set.filter((n) => n !== 'DATABASE_URL'), 'SUPABASE_DATABASE_URL'])).toEqual([])
  })

  it('follows conditional rules: LLM_PROVIDER=openai needs LLM_API_KEY', () => {
    expect(missingSecrets({ ...vars, LLM_PROVIDER: 'openai' }, set)).toEqual([
      'LLM_API_KEY (required when LLM_PROVIDER is openai)',
    ])
  })
})
