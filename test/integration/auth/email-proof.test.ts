import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../../../workers/adapters/db/client.ts'
import {
  addMember,
  call,
  emailedToken,
  expectProblem,
  inbox,
  login,
  signup,
  type TokenBody,
  uniqueEmail,
} from '../../support/api.ts'

const PASSWORD = 'correct horse battery'

async function startSignup(email: string, password = PASSWORD, tenantName = 'Acme') {
  return call('/v1/auth/signup', { body: { email, password, tenant_name: tenantName } })
}

async function invite(adminToken: string, email: string, role = 'member') {
  const res = await call('/v1/invitations', { token: adminToken, body: { email, role } })
  expect(res.status).toBe(201)
  return emailedToken(email, '/accept-invite')
}

/** An account as the old POST /v1/users or signup left it: never proved, with a password someone chose. */
async function legacyUnprovedAccount(email: string, passwordHash: string, tenantId: string) {
  const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
  try {
    const [user] = (
      await db.execute(sql`insert into users (email, password_hash) values (${email}, ${passwordHash}) returning id`)
    ).rows as { id: string }[]
    await db.execute(
      sql`insert into memberships (tenant_id, user_id, role) values (${tenantId}, ${user?.id}, 'member')`,
    )
    return user?.id as string
  } finally {
    await close()
  }
}

describe('a pre-claimed address cannot take over another tenant', () => {
  it('through signup: the pre-claimer gets no account, the invitee accepts with their own password', async () => {
    const victimTenant = await signup('Victim Co')
    const newhire = uniqueEmail('newhire')
    expect((await startSignup(newhire, 'attacker pass phrase 1', 'Attacker')).status).toBe(202)
    await expectProblem(await login(newhire, 'attacker pass phrase 1'), 401, 'invalid_credentials')

    const token = await invite(victimTenant.tokens.access_token, newhire)
    const preview = await call('/v1/auth/invitation', { body: { token } })
    expect(await preview.json()).toMatchObject({ email: newhire, tenant_name: 'Victim Co', account_exists: false })
    const accepted = await call('/v1/auth/accept-invitation', { body: { token, password: 'newhire pass phrase 2' } })
    expect(accepted.status).toBe(200)
    expect(((await accepted.json()) as TokenBody).tenant_id).toBe(victimTenant.tenantId)

    await expectProblem(
      await login(newhire, 'attacker pass phrase 1', victimTenant.tenantId),
      401,
      'invalid_credentials',
    )
    expect((await login(newhire, 'newhire pass phrase 2', victimTenant.tenantId)).status).toBe(200)
  })

  it('through adding users: no temporary password, and no membership without acceptance', async () => {
    const attacker = await signup('Attacker Co')
    const victimTenant = await signup('Victim Co')
    const newhire = uniqueEmail('newhire')
    // The old route handed the inviter a password for an account it created; it is gone.
    const old = await call('/v1/users', { token: attacker.tokens.access_token, body: { email: newhire } })
    await expectProblem(old, 404, 'not_found')
    const invited = await call('/v1/invitations', { token: attacker.tokens.access_token, body: { email: newhire } })
    const body = await invited.text()
    expect(invited.status).toBe(201)
    expect(body).not.toMatch(/password|token/i)

    const token = await invite(victimTenant.tokens.access_token, newhire)
    const accepted = await call('/v1/auth/accept-invitation', { body: { token, password: 'newhire pass phrase 2' } })
    const session = (await accepted.json()) as TokenBody
    const mine = (await (await call('/v1/me/tenants', { token: session.access_token })).json()) as {
      data: { id: string }[]
    }
    expect(mine.data.map((t) => t.id)).toEqual([victimTenant.tenantId])
    const attackerMembers = await (await call('/v1/users', { token: attacker.tokens.access_token })).text()
    expect(attackerMembers).not.toContain(newhire)
  })

  it('an account nobody proved cannot sign in, and proving the address voids the old password', async () => {
    const attacker = await signup('Attacker Co')
    const victimTenant = await signup('Victim Co')
    const newhire = uniqueEmail('legacy')
    const hashRes = await fetch(`${inject('harnessUrl')}/argon2/hash`, {
      method: 'POST',
      body: JSON.stringify({ password: 'attacker pass phrase 1' }),
    })
    const { hash } = (await hashRes.json()) as { hash: string }
    await legacyUnprovedAccount(newhire, hash, attacker.tenantId)

    await expectProblem(await login(newhire, 'attacker pass phrase 1'), 403, 'email_unverified')
    expect((await inbox(newhire))[0]?.subject).toMatch(/confirm your email/i)

    const token = await invite(victimTenant.tokens.access_token, newhire)
    const preview = (await (await call('/v1/auth/invitation', { body: { token } })).json()) as {
      account_exists: boolean
    }
    expect(preview.account_exists).toBe(false)
    const accepted = await call('/v1/auth/accept-invitation', { body: { token, password: 'newhire pass phrase 2' } })
    expect(accepted.status).toBe(200)
    await expectProblem(await login(newhire, 'attacker pass phrase 1'), 401, 'invalid_credentials')
    expect((await login(newhire, 'newhire pass phrase 2', victimTenant.tenantId)).status).toBe(200)
  })
})

describe('answers never tell whether an address has an account', () => {
  it('signup and password reset answer alike for new and existing addresses', async () => {
    const existing = await signup()
    const fresh = uniqueEmail('fresh')
    const a = await startSignup(existing.email, 'some other pass phrase')
    const b = await startSignup(fresh, 'some other pass phrase')
    expect([a.status, b.status]).toEqual([202, 202])
    const shape = async (res: Response, email: string) => JSON.stringify(await res.json()).replaceAll(email, 'EMAIL')
    expect(await shape(a, existing.email)).toBe(await shape(b, fresh))

    const r1 = await call('/v1/auth/password-reset', { body: { email: existing.email } })
    const r2 = await call('/v1/auth/password-reset', { body: { email: uniqueEmail('nobody') } })
    expect([r1.status, r2.status]).toEqual([202, 202])
    expect(Object.keys(await r1.json())).toEqual(Object.keys(await r2.json()))

    // The existing owner is told someone tried; nothing was created for the stranger.
    const note = (await inbox(existing.email)).find((m) => /tried to sign up/i.test(m.subject))
    expect(note).toBeDefined()
    expect(note?.text).not.toContain('/verify-email')
  })

  it('an existing account with its own password gets a new workspace from the link', async () => {
    const owner = await signup('First Co')
    expect((await startSignup(owner.email, owner.password, 'Second Co')).status).toBe(202)
    const res = await call('/v1/auth/verify-email', {
      body: { token: await emailedToken(owner.email, '/verify-email') },
    })
    const tokens = (await res.json()) as TokenBody
    expect(tokens.tenant_id).not.toBe(owner.tenantId)
    expect((await login(owner.email, owner.password, owner.tenantId)).status).toBe(200)
  })
})

describe('links', () => {
  it('a signup link works once, and concurrent duplicate signups never answer 500', async () => {
    const email = uniqueEmail('twice')
    const [a, b] = await Promise.all([startSignup(email), startSignup(email)])
    expect([a.status, b.status]).toEqual([202, 202])
    const tokens = await Promise.all(
      (await inbox(email)).map((m) => /verify-email\?token=([^\s"&<]+)/.exec(m.text)?.[1] as string),
    )
    expect(tokens).toHaveLength(2)
    const opened = await Promise.all(
      tokens.map((t) => call('/v1/auth/verify-email', { body: { token: decodeURIComponent(t) } })),
    )
    for (const res of opened) expect([200, 409]).toContain(res.status)
    const used = opened.findIndex((res) => res.status === 200)
    expect(used).toBeGreaterThanOrEqual(0)
    const again = await call('/v1/auth/verify-email', { body: { token: decodeURIComponent(tokens[used] as string) } })
    await expectProblem(again, 401, 'invalid_token')
  })

  it('an invitation works once; a withdrawn or replaced one not at all; accepting an existing account needs its password', async () => {
    const owner = await signup()
    const email = uniqueEmail('inv')
    const first = await invite(owner.tokens.access_token, email)
    const second = await invite(owner.tokens.access_token, email)
    await expectProblem(await call('/v1/auth/invitation', { body: { token: first } }), 401, 'invalid_token')
    const list = (await (await call('/v1/invitations', { token: owner.tokens.access_token })).json()) as {
      data: { id: string; email: string; status: string }[]
    }
    expect(list.data.filter((i) => i.email === email)).toHaveLength(1)
    expect(list.data[0]).toMatchObject({ email, status: 'pending' })
    const revoked = await call(`/v1/invitations/${list.data[0]?.id}`, {
      method: 'DELETE',
      token: owner.tokens.access_token,
    })
    expect(revoked.status).toBe(204)
    await expectProblem(
      await call('/v1/auth/accept-invitation', { body: { token: second, password: 'a fine pass phrase' } }),
      401,
      'invalid_token',
    )

    const other = await signup('Other Co')
    const third = await invite(owner.tokens.access_token, other.email)
    await expectProblem(
      await call('/v1/auth/accept-invitation', { body: { token: third, password: 'not their password' } }),
      401,
      'invalid_credentials',
    )
    const ok = await call('/v1/auth/accept-invitation', { body: { token: third, password: other.password } })
    expect(ok.status).toBe(200)
    await expectProblem(
      await call('/v1/auth/accept-invitation', { body: { token: third, password: other.password } }),
      401,
      'invalid_token',
    )
  })

  it("another tenant's invitation cannot be withdrawn or listed", async () => {
    const a = await signup('A')
    const b = await signup('B')
    await invite(b.tokens.access_token, uniqueEmail('b-invitee'))
    const theirs = (await (await call('/v1/invitations', { token: b.tokens.access_token })).json()) as {
      data: { id: string }[]
    }
    const mine = await (await call('/v1/invitations', { token: a.tokens.access_token })).json()
    expect(mine).toEqual({ data: [] })
    await expectProblem(
      await call(`/v1/invitations/${theirs.data[0]?.id}`, { method: 'DELETE', token: a.tokens.access_token }),
      404,
      'not_found',
    )
  })

  it('a password reset link sets a strong password once and signs out every session', async () => {
    const owner = await signup()
    const second = await addMember(owner.tokens.access_token, { role: 'admin' })
    await call('/v1/auth/password-reset', { body: { email: second.email } })
    const token = await emailedToken(second.email, '/reset-password')
    const weak = await call('/v1/auth/password-reset/confirm', { body: { token, password: 'password' } })
    const problem = await expectProblem(weak, 400, 'validation_failed')
    expect(problem.errors?.[0]?.path).toBe('password')

    const done = await call('/v1/auth/password-reset/confirm', { body: { token, password: 'a brand new pass phrase' } })
    expect(done.status).toBe(204)
    await expectProblem(await login(second.email, second.password), 401, 'invalid_credentials')
    expect((await login(second.email, 'a brand new pass phrase')).status).toBe(200)
    const refreshed = await call('/v1/auth/refresh', { body: { refresh_token: second.tokens.refresh_token } })
    expect(refreshed.status).toBe(401)
    await expectProblem(await call('/v1/me', { token: second.tokens.access_token }), 401, 'invalid_token')
    const reused = await call('/v1/auth/password-reset/confirm', {
      body: { token, password: 'yet another pass phrase' },
    })
    await expectProblem(reused, 401, 'invalid_token')
  })
})

describe('weak passwords', () => {
  it.each(['password', '12345678', '        ', 'EMAIL'])('refuses %j at signup, naming the field', async (weak) => {
    const email = uniqueEmail('weak')
    const res = await startSignup(email, weak === 'EMAIL' ? email : weak)
    const problem = await expectProblem(res, 400, 'validation_failed')
    expect(problem.errors?.map((e) => e.path)).toEqual(['password'])
    expect(await inbox(email)).toEqual([])
  })
})
