import { z } from 'zod'

/** Bindings and secrets as wrangler passes them (all strings); `parseConfig` turns them into typed config. */
export interface Env {
  DATABASE_URL?: string
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
}

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback)

export const ConfigSchema = z.object({
  DATABASE_URL: z.string().min(1),
  DB_WS_PROXY: z.string().min(1).optional(),
  UPSTASH_REDIS_REST_URL: z.url(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
  JWT_PRIVATE_JWK: z.string().min(1),
  JWT_PREVIOUS_PUBLIC_JWKS: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: seconds(900),
  REFRESH_TOKEN_TTL_SECONDS: seconds(30 * 24 * 3600),
  CORS_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
  /** Login attempts allowed per account and per IP in each 60 s window. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
})
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
