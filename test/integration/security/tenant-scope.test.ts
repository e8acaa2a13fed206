import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDatabase, withScope, withTenant } from '../../../workers/adapters/db/client.ts'
import { type Account, signup } from '../../support/api.ts'

// withScope sends BEGIN and the scope's settings as one message, values quoted as literals: what a user
// relies on is that the scope is exactly what was asked, ends with the transaction, and a failed
// transaction leaves nothing behind and no connection broken.

const settings = sql`select current_setting('app.tenant_id', true) as tenant_id,
  current_setting('app.login_email', true) as login_email, current_user as role`

describe('a tenant-scoped transaction', () => {
  let db: Db
  let close: () => Promise<void>
  let a: Account

  beforeAll(async () => {
    ;({ db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY))
    a = await signup('Scope Co')
  })
  afterAll(() => close())

  it('carries a value with quotes, backslashes and SQL in it exactly as given, as data', async () => {
    const hostile = `o'hara\\'); select set_config('app.tenant_id', '${a.tenantId}', true); --@x.test`
    const seen = await withScope(db, { loginEmail: hostile }, (tx) => tx.execute(settings))
    expect(seen.rows).toEqual([{ tenant_id: '', login_email: hostile, role: 'aos_app' }])
    // The forged setting did not run: with no tenant in scope, no tenant's rows are visible.
    const rows = await withScope(db, { loginEmail: hostile }, (tx) => tx.execute(sql`select id from tenants`))
    expect(rows.rows).toEqual([])
  })

  it('ends with its transaction: connections handed out afterwards carry no tenant and not the app role', async () => {
    await Promise.all(
      Array.from({ length: 4 }, () =>
        withTenant(db, a.tenantId, async (tx) => {
          expect((await tx.execute(settings)).rows).toEqual([
            { tenant_id: a.tenantId, login_email: '', role: 'aos_app' },
          ])
        }),
      ),
    )
    const after = await Promise.all(Array.from({ length: 4 }, () => db.execute(settings)))
    for (const seen of after) {
      expect(seen.rows[0]?.role).not.toBe('aos_app')
      expect(seen.rows[0]?.tenant_id ?? '').toBe('')
    }
  })

  it('keeps nothing a failed transaction wrote, and the next transaction runs', async () => {
    const action = `scope-test-${crypto.randomUUID()}`
    const failed = withTenant(db, a.tenantId, async (tx) => {
      await tx.execute(
        sql`insert into audit_log (tenant_id, actor_type, action) values (${a.tenantId}, 'user', ${action})`,
      )
      throw new Error('the work failed after its write')
    })
    await expect(failed).rejects.toThrow('the work failed after its write')
    const invalid = withTenant(db, a.tenantId, (tx) => tx.execute(sql`select 1 / 0`))
    await expect(invalid).rejects.toThrow()
    const left = await withTenant(db, a.tenantId, (tx) =>
      tx.execute(sql`select count(*)::int as n from audit_log where action = ${action}`),
    )
    expect(left.rows).toEqual([{ n: 0 }])
  })
})
