import type { Redis } from '@upstash/redis'
import { FLAG_NAMES, type FlagName, type FlagState, resolveFlag } from '../core/flags/registry.ts'
import { redisKey } from './redis.ts'

/** Isolates keep flags briefly; a change drops the entry here and reaches other isolates within the TTL. */
export const FLAG_CACHE_TTL_MS = 5_000
const cache = new Map<string, { expires: number; flags: FlagState[] }>()

const asBool = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : value === true || value === 'true' || value === 1 || value === '1'

export async function readFlags(redis: Redis, tenantId: string, now = Date.now()): Promise<FlagState[]> {
  const hit = cache.get(tenantId)
  if (hit && hit.expires > now) return hit.flags
  const keys = FLAG_NAMES.flatMap((name) => [redisKey('global', 'flags', name), redisKey(tenantId, 'flags', name)])
  const values = await redis.mget<unknown[]>(...keys)
  const flags = FLAG_NAMES.map((name, i) => resolveFlag(name, asBool(values[2 * i]), asBool(values[2 * i + 1])))
  cache.set(tenantId, { expires: now + FLAG_CACHE_TTL_MS, flags })
  return flags
}

export async function writeTenantFlag(redis: Redis, tenantId: string, name: FlagName, value: boolean | null) {
  const key = redisKey(tenantId, 'flags', name)
  if (value === null) await redis.del(key)
  else await redis.set(key, value ? 'true' : 'false')
  forgetFlags(tenantId)
}

/** Called on write and on an `aos.flag.changed` event, so the next read goes to Redis. */
export const forgetFlags = (tenantId: string) => cache.delete(tenantId)
