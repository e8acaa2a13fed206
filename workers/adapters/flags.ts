// Flags in Redis: a cache of Postgres's flag_values (the truth), one hash per scope, read with one
// pipeline per flag read:
//   aos:global:flags, aos:<tenant>:flags   { loaded: 1, <FLAG_NAME>: 'true' | 'false' | 'unset' }
// Without `loaded` (expired, or created by a publish) the reader loads Postgres and adds its values with
// HSETNX, so a value published meanwhile is never replaced by that older read. There is no isolate cache:
// flags are read per flag listing and per sync, not per request, so every read sees the latest publish.
import type { Redis } from '@upstash/redis'
import type { FlagScope } from './db/flags-repo.ts'
import { redisKey } from './redis.ts'

/** Bounds how long a value stays wrong if a publish and the drop after it both failed. */
export const FLAG_CACHE_TTL_SECONDS = 60
const LOADED = 'loaded'
const UNSET = 'unset'

/** The values one scope stores: a name with no entry has no value there. */
export type ScopeValues = Partial<Record<string, boolean>>

const cacheKey = (scope: FlagScope) => redisKey(scope === 'global' ? 'global' : scope.tenantId, 'flags')

function scopeValues(hash: Record<string, unknown> | null): ScopeValues | null {
  if (!hash || hash[LOADED] === undefined) return null
  const values: ScopeValues = {}
  for (const [name, raw] of Object.entries(hash)) {
    // The client parses 'true'/'false' to booleans; either form means the same.
    if (raw === true || raw === 'true') values[name] = true
    else if (raw === false || raw === 'false') values[name] = false
  }
  return values
}

/** The cached global and tenant values; null for a scope not loaded into Redis. */
export async function readCachedFlags(redis: Redis, tenantId: string) {
  const [global, tenant] = await redis
    .pipeline()
    .hgetall(cacheKey('global'))
    .hgetall(cacheKey({ tenantId }))
    .exec<[Record<string, unknown> | null, Record<string, unknown> | null]>()
  return { global: scopeValues(global), tenant: scopeValues(tenant) }
}

/** Adds values read from Postgres, never replacing one published since (HSETNX), and marks both scopes loaded. */
export async function fillCachedFlags(
  redis: Redis,
  tenantId: string,
  names: readonly string[],
  stored: { global: ScopeValues; tenant: ScopeValues },
) {
  const fill = redis.pipeline()
  for (const [scope, values] of [
    ['global', stored.global],
    [{ tenantId }, stored.tenant],
  ] as const) {
    const key = cacheKey(scope)
    for (const name of names) fill.hsetnx(key, name, String(values[name] ?? UNSET))
    fill.hset(key, { [LOADED]: 1 }).expire(key, FLAG_CACHE_TTL_SECONDS)
  }
  await fill.exec()
}

/**
 * After the value is committed in Postgres: every reader's next read sees it. The TTL is set only on a
 * hash this creates (NX), never extended.
 */
export async function publishFlagValue(redis: Redis, scope: FlagScope, name: string, value: boolean | null) {
  const key = cacheKey(scope)
  await redis
    .pipeline()
    .hset(key, { [name]: String(value ?? UNSET) })
    .expire(key, FLAG_CACHE_TTL_SECONDS, 'NX')
    .exec()
}

/** When a publish fails: the scope's next read goes to Postgres. */
export const dropCachedFlags = (redis: Redis, scope: FlagScope) => redis.del(cacheKey(scope))
