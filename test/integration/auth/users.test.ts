import { describe, expect, it } from 'vitest'
import { call, expectProblem, login, signup, type TokenBody, uniqueEmail } from '../../support/api.ts'

interface Member {
  id: string
  email: string
  role: string
  status: string
  temporary_password?: string
}

async function addMember(token: string, body: Record<string, unknown>) {
  const res = await call('/v1/users', { token, body })
  expect(res.status).toBe(201)
  return (await res.json()) as Member
}

describe('tenant user management', () => {
  it('an owner adds a user who logs in with the one-time temporary password', async () => {
    const owner = await signup()
    const email = uniqueEmail('new')
    const added = await addMember(owner.tokens.access_token, { email, role: 'member' })
    expect(added.temporary_password?.length).toBeGreaterThanOrEqual(16)
    const res = await login(email, added.temporary_password as string)
    expect(res.status).toBe(200)
    const me = await call('/v1/me', { token: ((await res.json()) as TokenBody).access_token })
    expect(await me.json()).toMatchObject({ tenant: { id: owner.tenantId }, role: 'member' })

    const list = (await (await call('/v1/users', { token: owner.tokens.access_token })).json()) as { data: Member[] }
    expect(list.data.map((m) => m.email).sort()).toEqual([owner.email, email].sort())
    expect(JSON.stringify(list)).not.toContain('temporary_password')
  })

  it('adds an existing user of another tenant without touching their password', async () => {
    const owner = await signup()
    const other = await signup('Elsewhere')
    const added = await addMember(owner.tokens.access_token, { email: other.email, role: 'viewer' })
    expect(added.temporary_password).toBeUndefined()
    expect((await login(other.email, other.password, owner.tenantId)).status).toBe(200)
    await expectProblem(
      await call('/v1/users', { token: owner.tokens.access_token, body: { email: other.email } }),
      409,
      'conflict',
    )
  })

  it('changes roles within the rules: admins cannot mint owners, the last owner stays', async () => {
    const owner = await signup()
    const adminEmail = uniqueEmail('admin')
    const admin = await addMember(owner.tokens.access_token, {
      email: adminEmail,
      role: 'admin',
      password: 'admin password 1',
    })
    const adminToken = ((await (await login(adminEmail, 'admin password 1')).json()) as TokenBody).access_token
    const member = await addMember(adminToken, { email: uniqueEmail(), role: 'member' })

    const promote = await call(`/v1/users/${member.id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { role: 'owner' },
    })
    await expectProblem(promote, 403, 'forbidden')
    const toViewer = await call(`/v1/users/${member.id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { role: 'viewer' },
    })
    expect(((await toViewer.json()) as Member).role).toBe('viewer')
    await expectProblem(
      await call('/v1/users', { token: adminToken, body: { email: uniqueEmail(), role: 'owner' } }),
      403,
      'forbidden',
    )

    const demoteSelf = await call(`/v1/users/${owner.userId}`, {
      method: 'PATCH',
      token: owner.tokens.access_token,
      body: { role: 'admin' },
    })
    await expectProblem(demoteSelf, 409, 'conflict')
    expect(admin.role).toBe('admin')
  })

  it('a deactivated member can neither log in to the tenant nor refresh', async () => {
    const owner = await signup()
    const email = uniqueEmail('leaver')
    const member = await addMember(owner.tokens.access_token, { email, password: 'leaver password' })
    const session = (await (await login(email, 'leaver password')).json()) as TokenBody
    const res = await call(`/v1/users/${member.id}/deactivate`, { method: 'POST', token: owner.tokens.access_token })
    expect(((await res.json()) as Member).status).toBe('deactivated')
    await expectProblem(await login(email, 'leaver password'), 401, 'invalid_credentials')
    const refreshed = await call('/v1/auth/refresh', { body: { refresh_token: session.refresh_token } })
    expect(refreshed.status).toBe(401)
  })

  it('viewers and members cannot manage users', async () => {
    const owner = await signup()
    const email = uniqueEmail('viewer')
    await addMember(owner.tokens.access_token, { email, role: 'viewer', password: 'viewer password' })
    const token = ((await (await login(email, 'viewer password')).json()) as TokenBody).access_token
    await expectProblem(await call('/v1/users', { token }), 403, 'forbidden')
    await expectProblem(await call('/v1/users', { token, body: { email: uniqueEmail() } }), 403, 'forbidden')
  })
})
