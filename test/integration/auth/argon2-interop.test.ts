import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { openDatabase, withScope } from '../../../workers/adapters/db/client.ts'
import { hashPassword, verifyPassword } from '../../../workers/adapters/passwords.ts'
import { login, uniqueEmail } from '../../support/api.ts'

/** The Node side (create-admin, seed) hashes with @node-rs/argon2; the harness runs it for us. */
async function node<T>(path: string, body: Record<string, string>): Promise<T> {
  const res = await fetch(`${inject('harnessUrl')}${path}`, { method: 'POST', body: JSON.stringify(body) })
  return (await res.json()) as T
}

describe('Argon2id interop between the Worker (argon2-wasm-edge) and Node (@node-rs/argon2)', () => {
  it('the Worker verifies a Node hash, and rejects a wrong password against it', async () => {
    const { hash } = await node<{ hash: string }>('/argon2/hash', { password: 'from node 123' })
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword('from node 123', hash)).toBe(true)
    expect(await verifyPassword('from node 124', hash)).toBe(false)
  })

  it('Node verifies a Worker hash, and rejects a wrong password against it', async () => {
    const hash = await hashPassword('from workerd 123')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect((await node<{ valid: boolean }>('/argon2/verify', { hash, password: 'from workerd 123' })).valid).toBe(true)
    expect((await node<{ valid: boolean }>('/argon2/verify', { hash, password: 'from workerd 124' })).valid).toBe(false)
  })

  it('a user whose hash was made in Node (as create-admin does) logs in through the API', async () => {
    const email = uniqueEmail('admin')
    const { hash } = await node<{ hash: string }>('/argon2/hash', { password: 'node made this' })
    const tenantId = crypto.randomUUID()
    const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
    try {
      await withScope(db, { tenantId, loginEmail: email }, async (tx) => {
        await tx.execute(sql`insert into tenants (id, name) values (${tenantId}, 'Node Co')`)
        const user = await tx.execute(
          sql`insert into users (email, password_hash, email_verified_at) values (${email}, ${hash}, now()) returning id`,
        )
        await tx.execute(
          sql`insert into memberships (tenant_id, user_id, role) values (${tenantId}, ${user.rows[0]?.id}, 'owner')`,
        )
      })
    } finally {
      await close()
    }
    expect((await login(email, 'node made this')).status).toBe(200)
  })
})
