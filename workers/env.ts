import { z } from 'zod'
import type { TenantHub } from '../durable-objects/tenant-hub.ts'
import type { CanonicalFeedMessage } from './core/dcl/canonical-feed.ts'
import { isLoopbackHost } from './core/http/outbound-url.ts'
import type { JobMessage } from './core/jobs/payloads.ts'
import { BUDGET_PERIODS } from './core/llm/budget.ts'

/** Bindings and secrets as wrangler passes them (all strings); `parseConfig` turns them into typed config. */
export interface Env {
  /** The platform database (Neon): used unless SUPABASE_DATABASE_URL is set. */
  DATABASE_URL?: string
  /** Supabase's pooled (transaction-mode) connection string; when set it wins over DATABASE_URL. */
  SUPABASE_DATABASE_URL?: string
  /** Local development only: host:port of the WebSocket→TCP proxy in front of a non-Neon Postgres. */
  DB_WS_PROXY?: string
  UPSTASH_REDIS_REST_URL?: string
  UPSTASH_REDIS_REST_TOKEN?: string
  JWT_PRIVATE_JWK?: string
  JWT_PREVIOUS_PUBLIC_JWKS?: string
  ACCESS_TOKEN_TTL_SECONDS?: string
  REFRESH_TOKEN_TTL_SECONDS?: string
  CORS_ORIGINS?: string
  LOGIN_RATE_LIMIT?: string
  /** "true" only behind Cloudflare's edge, which sets CF-Connecting-IP itself (see `clientIp`). */
  TRUST_CLIENT_IP_HEADER?: string
  /** AES-256-GCM key (base64, 32 bytes) for secrets stored in Postgres, e.g. Slack webhook URLs. */
  DATA_ENCRYPTION_KEY?: string
  /** Development and tests only: accept http://127.0.0.1 URLs for webhooks and SaaS APIs (the local stand-ins). */
  ALLOW_LOOPBACK_URLS?: string
  JOB_RETRY_BASE_SECONDS?: string
  JOB_TENANT_CONCURRENCY?: string
  JOB_TENANT_QUEUE_QUOTA?: string
  DCL_REBUILD_IN_REQUEST_MAX?: string
  EVENT_LOG_SIZE?: string
  /** Who delivers account emails (verification, invitations, password reset): `resend` (default) or `postmark`. */
  EMAIL_PROVIDER?: string
  /** The provider's API base URL; unset means the provider's own (local stand-in in development and tests). */
  EMAIL_API_URL?: string
  /** Secret: the provider's API key (Resend) or server token (Postmark). */
  EMAIL_API_KEY?: string
  /** Sender of account emails, e.g. `AutonomOS <no-reply@example.com>`, on a domain verified with the provider. */
  EMAIL_FROM?: string
  /** The console's public origin, used to build links in emails. */
  APP_URL?: string
  /** Who answers LLM calls: `offline` (default: deterministic rules, no key, nothing leaves) or `openai`. */
  LLM_PROVIDER?: string
  /** An OpenAI-compatible API's base URL (OpenAI, Gemini's OpenAI endpoint, Workers AI, a local server). */
  LLM_BASE_URL?: string
  /** Secret: that API's key; required when LLM_PROVIDER is `openai`. */
  LLM_API_KEY?: string
  LLM_MODEL?: string
  LLM_EMBEDDING_MODEL?: string
  /** Per attempt, in ms. */
  LLM_TIMEOUT_MS?: string
  /** Retries after the first attempt on 429, 5xx or no answer. */
  LLM_MAX_RETRIES?: string
  /** The default budget: a call whose prompt estimate plus answer cap exceeds this is refused. */
  LLM_MAX_TOKENS_PER_CALL?: string
  /** Tokens (prompt + answer, every feature) one tenant may use per LLM_BUDGET_PERIOD; counted in Redis. */
  LLM_BUDGET_TOKENS?: string
  /** The UTC period LLM_BUDGET_TOKENS counts over: `day` (default) or `hour`. */
  LLM_BUDGET_PERIOD?: string
  /** The console's static files (wrangler.toml [assets]). */
  ASSETS: Fetcher
  TENANT_HUB: DurableObjectNamespace<TenantHub>
  /** Uploaded source files (FileSource), keyed by tenant. */
  FILES: R2Bucket
  SYNC_JOBS: Queue<JobMessage>
  REPAIR_JOBS: Queue<JobMessage>
  NOTIFY_JOBS: Queue<JobMessage>
  BACKGROUND_JOBS: Queue<JobMessage>
  JOBS_DLQ: Queue<JobMessage>
  /** Canonical events from AAM syncs to the DCL (when a tenant's USE_AAM_AS_SOURCE is on). */
  CANONICAL_EVENTS: Queue<CanonicalFeedMessage>
}

export interface Database {
  url: string
  provider: 'neon' | 'supabase'
}

/** The one rule for which database the platform uses: Supabase's URL when set, else DATABASE_URL. */
export function chooseDatabase(env: Pick<Env, 'DATABASE_URL' | 'SUPABASE_DATABASE_URL'>): Database | undefined {
  if (env.SUPABASE_DATABASE_URL) return { url: env.SUPABASE_DATABASE_URL, provider: 'supabase' }
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, provider: 'neon' }
  return undefined
}

/** A Postgres connection string; a bad one is reported by the variable's name, never its value. */
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ })
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback)
/** An http(s) URL without a trailing slash, so `${url}/path` never doubles it. */
const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''))
/** The Upstash token travels in every request: https always, plain http only to a local stand-in on loopback. */
const redisRestUrl = z.url({ protocol: /^https?$/ }).refine(
  (raw) => {
    // zod runs refinements after a failed check too: a string that is no URL is z.url's to report.
    if (!URL.canParse(raw)) return true
    const url = new URL(raw)
    return url.protocol === 'https:' || isLoopbackHost(url.hostname)
  },
  { message: 'must be https (http only for a loopback host such as 127.0.0.1)' },
)

/** A rebuild of this many source records takes about a minute (scripts/bench/views.ts): a request's worth. */
export const MAX_REBUILD_MEMBERS = 100_000

export const ConfigSchema = z
  .object({
    DATABASE_URL: postgresUrl.optional(),
    SUPABASE_DATABASE_URL: postgresUrl.optional(),
    DB_WS_PROXY: z.string().min(1).optional(),
    UPSTASH_REDIS_REST_URL: redisRestUrl,
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
    JWT_PRIVATE_JWK: z.string().min(1),
    JWT_PREVIOUS_PUBLIC_JWKS: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: seconds(900),
    REFRESH_TOKEN_TTL_SECONDS: seconds(30 * 24 * 3600),
    CORS_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
    /** Login attempts allowed per account and per IP in each 60 s window. */
    LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
    TRUST_CLIENT_IP_HEADER: z.stringbool().default(false),
    DATA_ENCRYPTION_KEY: z.base64().refine((v) => atob(v).length === 32, 'must be 32 bytes, base64'),
    ALLOW_LOOPBACK_URLS: z.stringbool().default(false),
    /** First retry delay; later ones double (capped at 15 min). */
    JOB_RETRY_BASE_SECONDS: z.coerce.number().min(0).default(5),
    /** Jobs of one tenant running at once in each lane; more wait, deferred, for a free slot. */
    JOB_TENANT_CONCURRENCY: z.coerce.number().int().positive().default(4),
    /** Unfinished (queued, running, awaiting retry) jobs one tenant may have before POST /v1/jobs answers 429. */
    JOB_TENANT_QUEUE_QUOTA: z.coerce.number().int().positive().default(100),
    /** Source records up to which a view rebuild on request runs within the request; beyond, it is a job. */
    DCL_REBUILD_IN_REQUEST_MAX: z.coerce.number().int().positive().default(MAX_REBUILD_MEMBERS),
    EMAIL_PROVIDER: z.enum(['resend', 'postmark']).default('resend'),
    EMAIL_API_URL: httpUrl.optional(),
    EMAIL_API_KEY: z.string().min(1),
    EMAIL_FROM: z.string().min(1).default('AutonomOS <no-reply@autonomos.local>'),
    APP_URL: httpUrl.default('http://127.0.0.1:8787'),
    LLM_PROVIDER: z.enum(['offline', 'openai']).default('offline'),
    LLM_BASE_URL: httpUrl.default('https://api.openai.com/v1'),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
    LLM_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
    LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    LLM_MAX_TOKENS_PER_CALL: z.coerce.number().int().positive().default(32_000),
    LLM_BUDGET_TOKENS: z.coerce.number().int().positive().default(2_000_000),
    LLM_BUDGET_PERIOD: z.enum(BUDGET_PERIODS).default('day'),
  })
  .refine((config) => !(config.LLM_PROVIDER === 'openai' && !config.LLM_API_KEY), {
    // The openai provider cannot run without a key: fail loudly, naming it, like any missing secret (and
    // alongside the others: `when` runs this check even when another variable is already wrong).
    path: ['LLM_API_KEY'],
    message: 'required when LLM_PROVIDER is openai',
    when: () => true,
  })
  .refine((config) => chooseDatabase(config) !== undefined, {
    path: ['DATABASE_URL'],
    message: 'required unless SUPABASE_DATABASE_URL is set',
    when: () => true,
  })
  // The refine above guarantees one of the two is set.
  .transform(({ DATABASE_URL, SUPABASE_DATABASE_URL, ...config }) => ({
    ...config,
    database: chooseDatabase({ DATABASE_URL, SUPABASE_DATABASE_URL }) as Database,
  }))
export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {
  constructor(readonly missing: string[]) {
    super(`invalid or missing configuration: ${missing.join(', ')}`)
  }
}

const cache = new WeakMap<Env, Config>()

/** Parsed once per env object; a missing secret fails loudly with its name. */
export function parseConfig(env: Env): Config {
  const hit = cache.get(env)
  if (hit) return hit
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.path.join('.')))
  cache.set(env, parsed.data)
  return parsed.data
}
