import pg from 'pg'
import { hashPasswordNode } from './password.ts'

export interface ProvisionedOwner {
  tenantId: string
  userId: string
  createdUser: boolean
  createdTenant: boolean
}

/**
 * Makes `email` an owner of the tenant named `tenantName` (or of `tenantId`), creating the user and
 * tenant when missing. Runs as the migrating (admin) role: this is operator tooling, not a request path.
 * An existing user's password is left alone. The operator vouches for the address, so it counts as proved.
 * With `platformAdmin`, the user may also set flags for every tenant (PUT /v1/platform/flags/{name}).
 */
export async function provisionOwner(
  databaseUrl: string,
  input: { email: string; password: string; tenantName?: string; tenantId?: string; platformAdmin?: boolean },
): Promise<ProvisionedOwner> {
  const email = input.email.toLowerCase()
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const existingUser = await client.query<{ id: string }>('select id from users where email = $1', [email])
    const hash = existingUser.rows[0] ? null : await hashPasswordNode(input.password)
    await client.query('BEGIN')
    try {
      let tenantId = input.tenantId
      let createdTenant = false
      if (tenantId) {
        const found = await client.query('select 1 from tenants where id = $1', [tenantId])
        if (found.rowCount === 0) throw new Error(`no tenant ${tenantId}`)
      } else {
        const byName = await client.query<{ id: string }>(
          'select t.id from tenants t join memberships m on m.tenant_id = t.id join users u on u.id = m.user_id where t.name = $1 and u.email = $2',
          [input.tenantName ?? 'Default', email],
        )
        tenantId = byName.rows[0]?.id
        if (!tenantId) {
          const created = await client.query<{ id: string }>('insert into tenants (name) values ($1) returning id', [
            input.tenantName ?? 'Default',
          ])
          tenantId = created.rows[0]?.id as string
          createdTenant = true
        }
      }
      const userId =
        existingUser.rows[0]?.id ??
        (
          await client.query<{ id: string }>(
            'insert into users (email, password_hash, email_verified_at) values ($1, $2, now()) returning id',
            [email, hash],
          )
        ).rows[0]?.id
      await client.query('update users set email_verified_at = coalesce(email_verified_at, now()) where id = $1', [
        userId,
      ])
      await client.query(
        `insert into memberships (tenant_id, user_id, role) values ($1, $2, 'owner')
         on conflict (tenant_id, user_id) do update set role = 'owner', status = 'active', deactivated_at = null`,
        [tenantId, userId],
      )
      await client.query(
        `insert into audit_log (tenant_id, actor_type, action, target_type, target_id) values ($1, 'system', 'member.provisioned_owner', 'user', $2)`,
        [tenantId, userId],
      )
      // Platform admins set flags for every tenant; only this tooling grants it (the Worker's role cannot).
      if (input.platformAdmin)
        await client.query('insert into platform_admins (user_id) values ($1) on conflict do nothing', [userId])
      await client.query('COMMIT')
      return { tenantId, userId: userId as string, createdUser: !existingUser.rows[0], createdTenant }
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
  } finally {
    await client.end()
  }
}
