import { beforeAll, describe, expect, it } from 'vitest'
import { type Account, call, expectProblem, signup } from '../../support/api.ts'

/**
 * A bearer token acting with `role` in the owner's tenant. The one place a test principal of a given
 * role is made: an API key carries a role exactly like a membership does, whatever way people join.
 */
async function tokenWithRole(owner: Account, role: 'viewer' | 'member') {
  const res = await call('/v1/api-keys', { token: owner.tokens.access_token, body: { name: role, role } })
  expect(res.status).toBe(201)
  return ((await res.json()) as { key: string }).key
}

// Routes that call a source or asset discovery with the tenant's stored credentials.
const OUTBOUND = (connectionId: string) =>
  [
    { method: 'POST', path: `/v1/connections/${connectionId}/test` },
    { method: 'POST', path: `/v1/connections/${connectionId}/discover` },
    { method: 'GET', path: '/v1/aod/assets' },
  ] as const

describe('outbound calls with stored credentials', () => {
  let owner: Account
  let connectionId: string
  beforeAll(async () => {
    owner = await signup('Outbound Co')
    const res = await call('/v1/connections', {
      token: owner.tokens.access_token,
      body: { kind: 'file', name: 'Exports', config: { primary_key: 'id' } },
    })
    expect(res.status).toBe(201)
    connectionId = ((await res.json()) as { id: string }).id
  })

  it('are refused to viewers', async () => {
    const token = await tokenWithRole(owner, 'viewer')
    for (const { method, path } of OUTBOUND(connectionId)) {
      const problem = await expectProblem(await call(path, { method, token }), 403, 'forbidden')
      expect(problem.detail, path).toContain('member role')
    }
    // Reading the connection itself stays open to them.
    expect((await call(`/v1/connections/${connectionId}`, { token })).status).toBe(200)
  })

  it('are allowed to members', async () => {
    const token = await tokenWithRole(owner, 'member')
    const [test, discover, assets] = OUTBOUND(connectionId)
    for (const { method, path } of [test, discover])
      expect((await call(path, { method, token })).status, path).toBe(200)
    // Past the role check: asset discovery is simply not connected in this tenant yet.
    await expectProblem(await call(assets.path, { token }), 409, 'conflict')
  })
})
