/**
 * What `npm run deploy` must do, worked out from wrangler.toml (as parsed, before wrangler fills in
 * defaults) and from the Worker's own config schema. Pure: no wrangler, no network.
 */
import { z } from 'zod'
import { ConfigSchema } from '../../workers/env.ts'

/**
 * Every top-level key wrangler.toml may hold, by who takes care of it. A key in neither list makes the
 * plan refuse, so a new kind of binding cannot be deployed without being provisioned first.
 */
const PROVISIONED_HERE = ['queues', 'r2_buckets'] as const
const CARRIED_BY_WRANGLER_DEPLOY = [
  'name',
  'main',
  'compatibility_date',
  'compatibility_flags',
  'send_metrics',
  'observability',
  'rules',
  'assets',
  'vars',
  'triggers',
  // Our own classes: `wrangler deploy` applies [[migrations]], which must name each one (checked below).
  'durable_objects',
  'migrations',
] as const

const WranglerToml = z.looseObject({
  name: z.string().min(1),
  vars: z.record(z.string(), z.string()).default({}),
  queues: z
    .object({
      producers: z.array(z.object({ binding: z.string(), queue: z.string().min(1) })).default([]),
      consumers: z
        .array(z.object({ queue: z.string().min(1), dead_letter_queue: z.string().min(1).optional() }))
        .default([]),
    })
    .default({ producers: [], consumers: [] }),
  r2_buckets: z.array(z.object({ binding: z.string(), bucket_name: z.string().min(1) })).default([]),
  durable_objects: z
    .object({
      bindings: z.array(z.object({ name: z.string(), class_name: z.string(), script_name: z.string().optional() })),
    })
    .default({ bindings: [] }),
  migrations: z
    .array(
      z.object({
        tag: z.string(),
        new_classes: z.array(z.string()).default([]),
        new_sqlite_classes: z.array(z.string()).default([]),
      }),
    )
    .default([]),
})

export interface DeployPlan {
  worker: string
  /** Every queue a producer sends to, a consumer reads or a consumer dead-letters to. */
  queues: string[]
  buckets: string[]
  /** Our Durable Object classes and the migration that creates each (applied by `wrangler deploy`). */
  durableObjects: { binding: string; className: string; migration: string }[]
  /** wrangler.toml's [vars]: with the Worker's secrets they must satisfy the config schema. */
  vars: Record<string, string>
}

export class PlanError extends Error {}

const unique = (names: string[]) => [...new Set(names)].sort()

/** The plan for a parsed wrangler.toml; throws PlanError for anything it cannot provision. */
export function deployPlan(raw: unknown): DeployPlan {
  const handled: readonly string[] = [...PROVISIONED_HERE, ...CARRIED_BY_WRANGLER_DEPLOY]
  const unknownKeys = Object.keys(raw as object).filter((key) => !handled.includes(key))
  if (unknownKeys.length > 0) {
    throw new PlanError(
      `wrangler.toml declares ${unknownKeys.join(', ')}, which npm run deploy does not provision: ` +
        'teach scripts/lib/deploy-plan.ts to create it',
    )
  }
  const parsed = WranglerToml.safeParse(raw)
  if (!parsed.success) {
    throw new PlanError(
      `wrangler.toml: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    )
  }
  const config = parsed.data
  const migrationOf = new Map(
    config.migrations.flatMap((m) => [...m.new_classes, ...m.new_sqlite_classes].map((name) => [name, m.tag])),
  )
  const durableObjects = config.durable_objects.bindings
    .filter((binding) => !binding.script_name) // another Worker's class is that Worker's to create
    .map((binding) => {
      const migration = migrationOf.get(binding.class_name)
      if (!migration) {
        throw new PlanError(`Durable Object class ${binding.class_name} has no [[migrations]] entry that creates it`)
      }
      return { binding: binding.name, className: binding.class_name, migration }
    })
  return {
    worker: config.name,
    queues: unique([
      ...config.queues.producers.map((p) => p.queue),
      ...config.queues.consumers.flatMap((c) => [c.queue, ...(c.dead_letter_queue ? [c.dead_letter_queue] : [])]),
    ]),
    buckets: unique(config.r2_buckets.map((b) => b.bucket_name)),
    durableObjects,
    vars: config.vars,
  }
}

/** The wrangler commands that create each resource; an "already exists" answer counts as done. */
export function provisionCommands(plan: DeployPlan): { label: string; args: string[] }[] {
  return [
    ...plan.queues.map((name) => ({ label: `queue ${name}`, args: ['queues', 'create', name] })),
    ...plan.buckets.map((name) => ({ label: `R2 bucket ${name}`, args: ['r2', 'bucket', 'create', name] })),
  ]
}

/**
 * Whether wrangler's failure output says the resource is already there (Cloudflare's API answers
 * "already exists" for R2, code 10004, and "already taken" for a queue name).
 */
export const alreadyExists = (output: string) => /already (exists|taken)|\[code: 10004\]/i.test(output)

/**
 * The config variables the Worker still lacks, given wrangler.toml's vars and the names of the secrets
 * set on it: the Worker's own schema decides (a value's format is not checked, only its presence).
 */
export function missingSecrets(vars: Record<string, string>, secretNames: readonly string[]): string[] {
  const env: Record<string, string> = { ...vars, ...Object.fromEntries(secretNames.map((name) => [name, 'set'])) }
  const parsed = ConfigSchema.safeParse(env)
  if (parsed.success) return []
  const missing = parsed.error.issues
    .map((issue) => ({ name: String(issue.path[0]), issue }))
    .filter(({ name }) => env[name] === undefined)
    .map(({ name, issue }) => (issue.code === 'custom' ? `${name} (${issue.message})` : name))
  return unique(missing)
}

/** `wrangler secret list` prints a JSON array of `{ name, type }`. */
export const secretNames = (json: string): string[] =>
  z
    .array(z.object({ name: z.string() }))
    .parse(JSON.parse(json))
    .map((s) => s.name)
