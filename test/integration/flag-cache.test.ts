import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { FLAG_CACHE_TTL_MS, readFlags } from '../../workers/adapters/flags.ts'
import { openRedis, redisKey } from '../../workers/adapters/redis.ts'
import { signup } from '../support/api.ts'

const flag = (flags: Awaited<ReturnType<typeof readFlags>>) => flags.find((f) => f.name === 'USE_AAM_AS_SOURCE')

describe('flag cache across isolates', () => {
  it('an isolate that cached a flag sees another isolate’s change once its short TTL passes, without restart', async () => {
    const { tenantId } = await signup('Isolates Co')
    const redis = openRedis(env.UPSTASH_REDIS_REST_URL as string, env.UPSTASH_REDIS_REST_TOKEN as string)
    const now = Date.now()
    expect(flag(await readFlags(redis, tenantId, now))?.value).toBe(false)

    // Another isolate writes the override straight to Redis; this isolate's cache is not told.
    await redis.set(redisKey(tenantId, 'flags', 'USE_AAM_AS_SOURCE'), 'true')
    expect(flag(await readFlags(redis, tenantId, now + 1))?.value).toBe(false)
    expect(flag(await readFlags(redis, tenantId, now + FLAG_CACHE_TTL_MS + 1))).toMatchObject({
      value: true,
      source: 'tenant',
    })
  })
})
