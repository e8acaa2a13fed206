import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, withScope } from '../../../workers/adapters/db/client.ts'
import {
  type Account,
  addMember,
  call,
  expectProblem,
  login,
  signup,
  type TokenBody,
  uniqueEmail,
} from '../../support/api.ts'

/** Every tenant-owned table; a new one must be added here (and gets the RLS checks below). */
const TENANT_TABLES = [
  'memberships',
  'refresh_tokens',
  'api_keys',
  'audit_log',
  'tenants',
  'jobs',
  'notification_settings',
  'connections',
  'streams',
  'source_files',
  'drift_events',
  'records',
  'quarantine',
  'tenant_personas',
] as const

describe('tenant isolation', () => {
  let a: Account
  let b: Account
  let bMemberId: string
  let bKeyId: string

  beforeAll(async () => {
    a = await signup('Tenant A')
    b = await signup('Tenant B')
    bMemberId = (await addMember(b.tokens.access_token, { email: uniqueEmail('b-member') })).userId
    const key = await call('/v1/api-keys', { token: b.tokens.access_token, body: { name: 'b key' } })
    bKeyId = ((await key.json()) as { id: string }).id
  })

  it("answers 404 to every tenant-scoped route called on another tenant's ids", async () => {
    const token = a.tokens.access_token
    const attempts = [
      call(`/v1/users/${bMemberId}`, { method: 'PATCH', token, body: { role: 'viewer' } }),
      call(`/v1/users/${b.userId}`, { method: 'PATCH', token, body: { role: 'viewer' } }),
      call(`/v1/users/${bMemberId}/deactivate`, { method: 'POST', token }),
      call(`/v1/api-keys/${bKeyId}`, { method: 'DELETE', token }),
    ]
    for (const res of await Promise.all(attempts)) await expectProblem(res, 404, 'not_found')
    const members = (await (await call('/v1/users', { token: b.tokens.access_token })).json()) as {
      data: { id: string; role: string; status: string }[]
    }
    expect(members.data.find((m) => m.id === bMemberId)).toMatchObject({ role: 'member', status: 'active' })
    const keys = (await (await call('/v1/api-keys', { token: b.tokens.access_token })).json()) as {
      data: { id: string }[]
    }
    expect(keys.data.map((k) => k.id)).toContain(bKeyId)
  })

  it("never lists another tenant's users or keys", async () => {
    const users = await (await call('/v1/users', { token: a.tokens.access_token })).text()
    const keys = await (await call('/v1/api-keys', { token: a.tokens.access_token })).text()
    expect(users).not.toContain(b.email)
    expect(users).not.toContain(bMemberId)
    expect(keys).not.toContain(bKeyId)
  })

  it('cannot log in to another tenant or refresh into it', async () => {
    await expectProblem(await login(a.email, a.password, b.tenantId), 401, 'invalid_credentials')
    const forged = b.tokens.refresh_token.replace(b.tenantId.replaceAll('-', ''), a.tenantId.replaceAll('-', ''))
    await expectProblem(await call('/v1/auth/refresh', { body: { refresh_token: forged } }), 401, 'invalid_token')
  })

  it('RLS alone holds: the app role with no tenant set reads no rows of any tenant table', async () => {
    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    try {
      for (const table of TENANT_TABLES) {
        const rows = await withScope(db, {}, (tx) => tx.execute(sql.raw(`select * from ${table}`)))
        expect(rows.rows, table).toEqual([])
      }
      const asA = await withScope(db, { tenantId: a.tenantId }, (tx) =>
        tx.execute(sql`select distinct tenant_id from memberships`),
      )
      expect(asA.rows).toEqual([{ tenant_id: a.tenantId }])
      const users = await withScope(db, { tenantId: a.tenantId }, (tx) => tx.execute(sql`select email from users`))
      expect(users.rows.map((r) => r.email)).toEqual([a.email])
    } finally {
      await close()
    }
  })

  it('RLS blocks writes into another tenant even when the code forgets the tenant filter', async () => {
    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    try {
      const updated = await withScope(db, { tenantId: a.tenantId }, (tx) =>
        tx.execute(sql`update memberships set role = 'viewer' where user_id = ${b.userId} returning user_id`),
      )
      expect(updated.rows).toEqual([])
      const insert = withScope(db, { tenantId: a.tenantId }, (tx) =>
        tx.execute(sql`insert into audit_log (tenant_id, actor_type, action) values (${b.tenantId}, 'user', 'forged')`),
      )
      const error = (await insert.catch((e: unknown) => e)) as Error & { cause?: Error }
      expect(error.cause?.message ?? error.message).toMatch(/row-level security/)
    } finally {
      await close()
    }
    const me = (await (await login(b.email, b.password)).json()) as TokenBody
    const role = ((await (await call('/v1/me', { token: me.access_token })).json()) as { role: string }).role
    expect(role).toBe('owner')
  })
})
