import type { Redis } from '@upstash/redis'
import { type Db, withTenant } from './db/client.ts'
import { recentSessionRevocations } from './db/tenancy-repo.ts'
import type { Logger } from './logger.ts'
import { redisKey } from './redis.ts'

/**
 * A per-tenant cache of `memberships.sessions_revoked_at`, which every token-authenticated request
 * checks, in two layers:
 * - Redis: one hash per tenant, `{ loaded: 1, <userId>: <stamp, epoch ms> }`, read whole in one round
 *   trip. Without `loaded` (expired, or created by a publish) the tenant's recent stamps are read from
 *   Postgres and added with HSETNX, so a stamp published meanwhile is never replaced by that older read.
 * - The isolate: the tenant's stamps for one second. A round trip per request costs the authenticated
 *   path nearly half its throughput (scripts/bench/api.ts); the price is that a revocation reaches
 *   other isolates within that second (the isolate that made it sees it at once).
 * Postgres stays the truth: a Redis that cannot be read means asking Postgres, never letting a token by.
 */
const REVOCATION_CACHE_TTL_SECONDS = 60
export const REVOCATION_ISOLATE_TTL_MS = 1_000
const LOADED = 'loaded'

type Stamps = Map<string, number>
const isolate = new Map<string, { expires: number; stamps: Stamps }>()

interface Sources {
  redis: Redis
  db: Db
  log: Logger
}

const cacheKey = (tenantId: string) => redisKey(tenantId, 'session-revocations')

async function stampsFromPostgres(db: Db, tenantId: string, withinSeconds: number): Promise<Stamps> {
  const rows = await withTenant(db, tenantId, (tx) => recentSessionRevocations(tx, tenantId, withinSeconds))
  return new Map(rows.map((row) => [row.userId, row.revokedAtMs]))
}

async function tenantStamps({ redis, db, log }: Sources, tenantId: string, withinSeconds: number): Promise<Stamps> {
  const key = cacheKey(tenantId)
  let cached: Record<string, number | string> | null
  try {
    cached = await redis.hgetall<Record<string, number | string>>(key)
  } catch (error) {
    log('warn', 'session revocation cache unreadable; checked Postgres instead', {
      tenant_id: tenantId,
      error: String(error),
    })
    return stampsFromPostgres(db, tenantId, withinSeconds)
  }
  if (cached?.[LOADED] !== undefined) {
    const { [LOADED]: _, ...byUser } = cached
    // Stamps with a fraction come back as strings (the client keeps non-integers unparsed).
    return new Map(Object.entries(byUser).map(([user, stamp]) => [user, Number(stamp)]))
  }

  const stamps = await stampsFromPostgres(db, tenantId, withinSeconds)
  const fill = redis.pipeline()
  for (const [user, stamp] of stamps) fill.hsetnx(key, user, stamp)
  fill.hset(key, { [LOADED]: 1 }).expire(key, REVOCATION_CACHE_TTL_SECONDS)
  try {
    await fill.exec()
  } catch (error) {
    log('warn', 'could not fill the session revocation cache', { tenant_id: tenantId, error: String(error) })
  }
  return stamps
}

/**
 * The user's revocation stamp in the tenant (epoch ms), or null. `withinSeconds` is the longest token
 * lifetime: older stamps cut off no live token, so they are not cached.
 */
export async function sessionsRevokedAt(
  sources: Sources,
  tenantId: string,
  userId: string,
  withinSeconds: number,
  now = Date.now(),
): Promise<number | null> {
  let entry = isolate.get(tenantId)
  if (!entry || entry.expires <= now) {
    entry = { expires: now + REVOCATION_ISOLATE_TTL_MS, stamps: await tenantStamps(sources, tenantId, withinSeconds) }
    isolate.set(tenantId, entry)
  }
  return entry.stamps.get(userId) ?? null
}

/**
 * Called once the stamp is committed, before the response, so the next request is refused (here at
 * once, in other isolates within REVOCATION_ISOLATE_TTL_MS). The Redis TTL is set only on a hash this
 * creates (NX), never extended. If Redis refuses the write, the tenant's entry is dropped (the next
 * read goes to Postgres); if even that fails, the error is logged and the stale entry lasts until it
 * expires.
 */
export async function publishSessionsRevoked(
  { redis, log }: Pick<Sources, 'redis' | 'log'>,
  tenantId: string,
  userId: string,
  revokedAtMs: number,
) {
  isolate.get(tenantId)?.stamps.set(userId, revokedAtMs)
  const key = cacheKey(tenantId)
  try {
    await redis
      .pipeline()
      .hset(key, { [userId]: revokedAtMs })
      .expire(key, REVOCATION_CACHE_TTL_SECONDS, 'NX')
      .exec()
  } catch (error) {
    try {
      await redis.del(key)
      log('warn', 'could not publish a session revocation; dropped the tenant’s cache entry', {
        tenant_id: tenantId,
        error: String(error),
      })
    } catch {
      log('error', 'session revocation neither published nor dropped; the cache may be stale until it expires', {
        tenant_id: tenantId,
        user_id: userId,
        error: String(error),
      })
    }
  }
}
