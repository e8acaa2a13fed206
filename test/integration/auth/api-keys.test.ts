import { describe, expect, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'

interface CreatedKey {
  id: string
  key: string
  prefix: string
  role: string
  last_used_at: string | null
}

async function createKey(token: string, body: Record<string, unknown> = { name: 'ci' }) {
  const res = await call('/v1/api-keys', { token, body })
  expect(res.status).toBe(201)
  return (await res.json()) as CreatedKey
}

describe('API keys', () => {
  it('shows the secret once, lists keys without it, and the key works as a bearer token', async () => {
    const owner = await signup()
    const created = await createKey(owner.tokens.access_token, { name: 'nightly sync', role: 'member' })
    expect(created.key).toMatch(/^aos_sk_[0-9a-f]{32}_/)
    expect(created.key.startsWith(created.prefix.slice(0, 7))).toBe(true)

    const me = await call('/v1/me', { token: created.key })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({
      user: { id: owner.userId, email: owner.email },
      tenant: { id: owner.tenantId },
      role: 'member',
      auth: 'api_key',
    })

    const listed = await call('/v1/api-keys', { token: owner.tokens.access_token })
    const text = await listed.text()
    expect(text).not.toContain(created.key)
    const { data } = JSON.parse(text) as { data: CreatedKey[] }
    const row = data.find((k) => k.id === created.id)
    expect(row?.key).toBeUndefined()
    expect(row?.last_used_at).not.toBeNull()
  })

  it('stops working once revoked; revoking twice is a 404', async () => {
    const owner = await signup()
    const created = await createKey(owner.tokens.access_token)
    const del = await call(`/v1/api-keys/${created.id}`, { method: 'DELETE', token: owner.tokens.access_token })
    expect(del.status).toBe(204)
    await expectProblem(await call('/v1/me', { token: created.key }), 401, 'invalid_token')
    const again = await call(`/v1/api-keys/${created.id}`, { method: 'DELETE', token: owner.tokens.access_token })
    await expectProblem(again, 404, 'not_found')
  })

  it('a member-role key cannot manage keys or users, and a key cannot outrank its creator', async () => {
    const owner = await signup()
    const memberKey = await createKey(owner.tokens.access_token, { name: 'member', role: 'member' })
    await expectProblem(await call('/v1/api-keys', { token: memberKey.key, body: { name: 'x' } }), 403, 'forbidden')
    await expectProblem(await call('/v1/users', { token: memberKey.key }), 403, 'forbidden')

    const adminKey = await createKey(owner.tokens.access_token, { name: 'admin', role: 'admin' })
    const escalate = await call('/v1/api-keys', { token: adminKey.key, body: { name: 'root', role: 'owner' } })
    await expectProblem(escalate, 403, 'forbidden')
  })

  it('rejects a made-up key in our format', async () => {
    const owner = await signup()
    const fake = `aos_sk_${owner.tenantId.replaceAll('-', '')}_${'x'.repeat(43)}`
    await expectProblem(await call('/v1/me', { token: fake }), 401, 'invalid_token')
  })
})
