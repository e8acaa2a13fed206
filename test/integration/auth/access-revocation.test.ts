import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../workers/adapters/db/client.ts'
import { openRedis, redisKey } from '../../../workers/adapters/redis.ts'
import { REVOCATION_ISOLATE_TTL_MS, sessionsRevokedAt } from '../../../workers/adapters/session-revocations.ts'
import type { Role } from '../../../workers/contract/vocabulary/roles.ts'
import {
  type Account,
  call,
  expectProblem,
  addMember as invite,
  login,
  signup,
  type TokenBody,
  uniqueEmail,
} from '../../support/api.ts'

const PASSWORD = 'member password 1'

/** A member by invitation; re-inviting an existing account signs in to it with the same password. */
async function addMember(ownerToken: string, role: Role, email = uniqueEmail(role)) {
  const { userId } = await invite(ownerToken, { role, email, password: PASSWORD })
  return { id: userId, email }
}

async function signIn(email: string, tenantId: string) {
  const res = await login(email, PASSWORD, tenantId)
  expect(res.status).toBe(200)
  return (await res.json()) as TokenBody
}

async function createKey(token: string, role: Role) {
  const res = await call('/v1/api-keys', { token, body: { name: 'automation', role } })
  expect(res.status).toBe(201)
  return ((await res.json()) as { key: string }).key
}

async function deactivate(owner: Account, userId: string) {
  const res = await call(`/v1/users/${userId}/deactivate`, { method: 'POST', token: owner.tokens.access_token })
  expect(res.status).toBe(200)
}

async function changeRole(owner: Account, userId: string, role: Role) {
  const res = await call(`/v1/users/${userId}`, { method: 'PATCH', token: owner.tokens.access_token, body: { role } })
  expect(res.status).toBe(200)
}

const me = async (token: string) => {
  const res = await call('/v1/me', { token })
  expect(res.status).toBe(200)
  return (await res.json()) as { role: Role }
}

describe('access follows the member’s current rights', () => {
  it('a deactivated admin’s API key can neither read users nor mint keys, and stays dead after they are re-added', async () => {
    const owner = await signup()
    const admin = await addMember(owner.tokens.access_token, 'admin')
    const key = await createKey((await signIn(admin.email, owner.tenantId)).access_token, 'admin')
    expect((await call('/v1/users', { token: key })).status).toBe(200)

    await deactivate(owner, admin.id)
    await expectProblem(await call('/v1/users', { token: key }), 401, 'invalid_token')
    await expectProblem(
      await call('/v1/api-keys', { token: key, body: { name: 'x', role: 'admin' } }),
      401,
      'invalid_token',
    )

    await addMember(owner.tokens.access_token, 'admin', admin.email)
    await expectProblem(await call('/v1/users', { token: key }), 401, 'invalid_token')
  })

  it('a demoted admin’s admin-role key acts as a member', async () => {
    const owner = await signup()
    const admin = await addMember(owner.tokens.access_token, 'admin')
    const key = await createKey((await signIn(admin.email, owner.tenantId)).access_token, 'admin')

    await changeRole(owner, admin.id, 'member')
    await expectProblem(await call('/v1/users', { token: key }), 403, 'forbidden')
    await expectProblem(
      await call('/v1/api-keys', { token: key, body: { name: 'x', role: 'member' } }),
      403,
      'forbidden',
    )
    expect(await me(key)).toMatchObject({ role: 'member' })
    expect((await call('/v1/connections', { token: key })).status).toBe(200)
  })

  it('a deactivated user’s unexpired access and stream tokens are refused on the next request', async () => {
    const owner = await signup()
    const member = await addMember(owner.tokens.access_token, 'member')
    const session = await signIn(member.email, owner.tenantId)
    await me(session.access_token)
    const minted = await call('/v1/events/stream-token', { method: 'POST', token: session.access_token })
    const { stream_token } = (await minted.json()) as { stream_token: string }

    await deactivate(owner, member.id)
    const refused = await expectProblem(await call('/v1/me', { token: session.access_token }), 401, 'invalid_token')
    expect(refused.detail).toContain('Your access to this tenant changed')
    const stream = await call(`/v1/events/stream?stream_token=${stream_token}`)
    await stream.body?.cancel()
    expect(stream.status).toBe(401)
  })

  it('a demoted admin’s access token is refused, and the refreshed one carries the new role', async () => {
    const owner = await signup()
    const admin = await addMember(owner.tokens.access_token, 'admin')
    const session = await signIn(admin.email, owner.tenantId)
    expect((await call('/v1/users', { token: session.access_token })).status).toBe(200)

    await changeRole(owner, admin.id, 'member')
    await expectProblem(await call('/v1/users', { token: session.access_token }), 401, 'invalid_token')
    // Refreshed in the same second as the demotion: the new token must not be caught by the stamp.
    const res = await call('/v1/auth/refresh', { body: { refresh_token: session.refresh_token } })
    expect(res.status).toBe(200)
    const next = (await res.json()) as TokenBody
    expect(await me(next.access_token)).toMatchObject({ role: 'member' })
    await expectProblem(await call('/v1/users', { token: next.access_token }), 403, 'forbidden')
  })

  it('leaves the same person’s access in another tenant alone', async () => {
    const a = await signup('Tenant A')
    const b = await signup('Tenant B')
    const person = await addMember(a.tokens.access_token, 'admin')
    await addMember(b.tokens.access_token, 'admin', person.email)
    const inA = await signIn(person.email, a.tenantId)
    const inB = await signIn(person.email, b.tenantId)
    const keyInB = await createKey(inB.access_token, 'admin')

    await deactivate(a, person.id)
    await expectProblem(await call('/v1/me', { token: inA.access_token }), 401, 'invalid_token')
    expect((await call('/v1/users', { token: inB.access_token })).status).toBe(200)
    expect((await call('/v1/users', { token: keyInB })).status).toBe(200)
    expect((await call('/v1/auth/refresh', { body: { refresh_token: inB.refresh_token } })).status).toBe(200)
  })

  it('with Redis refusing requests, the stamp comes from Postgres (and the fallback is logged)', async () => {
    const owner = await signup()
    const member = await addMember(owner.tokens.access_token, 'member')
    const before = Date.now()
    await deactivate(owner, member.id)

    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    const logged: string[] = []
    const redis = openRedis(env.UPSTASH_REDIS_REST_URL as string, 'not-the-token')
    try {
      // Later than this isolate's cached copy of the tenant's stamps, so the lookup goes out.
      const later = Date.now() + REVOCATION_ISOLATE_TTL_MS + 1
      const stamp = await sessionsRevokedAt(
        { redis, db, log: (level) => logged.push(level) },
        owner.tenantId,
        member.id,
        900,
        later,
      )
      expect(stamp).toBeGreaterThanOrEqual(before - 1000)
      expect(logged).toEqual(['warn'])
    } finally {
      await close()
    }
  })

  it('another isolate’s revocation reaches this one through Redis once its one-second copy lapses', async () => {
    const owner = await signup()
    const member = await addMember(owner.tokens.access_token, 'member')
    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    const redis = openRedis(env.UPSTASH_REDIS_REST_URL as string, env.UPSTASH_REDIS_REST_TOKEN as string)
    const logged: string[] = []
    const sources = { redis, db, log: (level: string) => logged.push(level) }
    try {
      const now = Date.now() + REVOCATION_ISOLATE_TTL_MS + 1
      expect(await sessionsRevokedAt(sources, owner.tenantId, member.id, 900, now)).toBeNull()

      // Another isolate's publish; this isolate is not told. (Postgres is left alone, so only Redis can answer.)
      const stamp = Date.now() + 0.25
      await redis.hset(redisKey(owner.tenantId, 'session-revocations'), { [member.id]: stamp })

      expect(await sessionsRevokedAt(sources, owner.tenantId, member.id, 900, now + 1)).toBeNull()
      const lapsed = now + REVOCATION_ISOLATE_TTL_MS
      expect(await sessionsRevokedAt(sources, owner.tenantId, member.id, 900, lapsed)).toBe(stamp)
      expect(logged).toEqual([])
    } finally {
      await close()
    }
  })
})
