import { describe, expect, it } from 'vitest'
import { addMember, call, expectProblem, login, signup, type TokenBody, uniqueEmail } from '../../support/api.ts'

interface Member {
  id: string
  email: string
  role: string
  status: string
}

describe('tenant user management', () => {
  it('an invited user becomes a member only by accepting, and the list shows them', async () => {
    const owner = await signup()
    const member = await addMember(owner.tokens.access_token, { role: 'member' })
    const me = await call('/v1/me', { token: member.tokens.access_token })
    expect(await me.json()).toMatchObject({ tenant: { id: owner.tenantId }, role: 'member' })
    expect((await login(member.email, member.password)).status).toBe(200)

    const list = (await (await call('/v1/users', { token: owner.tokens.access_token })).json()) as { data: Member[] }
    expect(list.data.map((m) => m.email).sort()).toEqual([owner.email, member.email].sort())
  })

  it('an existing account of another tenant joins with its own password, unchanged', async () => {
    const owner = await signup()
    const other = await signup('Elsewhere')
    await addMember(owner.tokens.access_token, { email: other.email, password: other.password, role: 'viewer' })
    expect((await login(other.email, other.password, owner.tenantId)).status).toBe(200)
    expect((await login(other.email, other.password, other.tenantId)).status).toBe(200)
    await expectProblem(
      await call('/v1/invitations', { token: owner.tokens.access_token, body: { email: other.email } }),
      409,
      'conflict',
    )
  })

  it('changes roles within the rules: admins cannot mint owners, the last owner stays', async () => {
    const owner = await signup()
    const admin = await addMember(owner.tokens.access_token, { role: 'admin' })
    const adminToken = admin.tokens.access_token
    const member = await addMember(adminToken, { role: 'member' })

    const promote = await call(`/v1/users/${member.userId}`, {
      method: 'PATCH',
      token: adminToken,
      body: { role: 'owner' },
    })
    await expectProblem(promote, 403, 'forbidden')
    const toViewer = await call(`/v1/users/${member.userId}`, {
      method: 'PATCH',
      token: adminToken,
      body: { role: 'viewer' },
    })
    expect(((await toViewer.json()) as Member).role).toBe('viewer')
    await expectProblem(
      await call('/v1/invitations', { token: adminToken, body: { email: uniqueEmail(), role: 'owner' } }),
      403,
      'forbidden',
    )

    const demoteSelf = await call(`/v1/users/${owner.userId}`, {
      method: 'PATCH',
      token: owner.tokens.access_token,
      body: { role: 'admin' },
    })
    await expectProblem(demoteSelf, 409, 'conflict')
  })

  it('a deactivated member can neither log in to the tenant nor refresh', async () => {
    const owner = await signup()
    const member = await addMember(owner.tokens.access_token)
    const session = (await (await login(member.email, member.password)).json()) as TokenBody
    const res = await call(`/v1/users/${member.userId}/deactivate`, {
      method: 'POST',
      token: owner.tokens.access_token,
    })
    expect(((await res.json()) as Member).status).toBe('deactivated')
    await expectProblem(await login(member.email, member.password), 401, 'invalid_credentials')
    const refreshed = await call('/v1/auth/refresh', { body: { refresh_token: session.refresh_token } })
    expect(refreshed.status).toBe(401)
  })

  it('viewers and members cannot manage users or invitations', async () => {
    const owner = await signup()
    for (const role of ['viewer', 'member']) {
      const { tokens } = await addMember(owner.tokens.access_token, { role })
      const token = tokens.access_token
      await expectProblem(await call('/v1/users', { token }), 403, 'forbidden')
      await expectProblem(await call('/v1/invitations', { token }), 403, 'forbidden')
      await expectProblem(await call('/v1/invitations', { token, body: { email: uniqueEmail() } }), 403, 'forbidden')
    }
  })
})
