import { type SQL, sql } from 'drizzle-orm'
import { type AnyPgColumn, pgPolicy, pgRole } from 'drizzle-orm/pg-core'

/** The role the Worker's transactions run as (`SET LOCAL ROLE`); it never bypasses RLS. */
export const appRole = pgRole('aos_app').existing()

/** SQL functions created by migration 0000: the per-transaction settings, NULL when unset. */
export const currentTenant = sql`app_tenant_id()`
export const currentUser = sql`app_user_id()`

/** The standard policy of a tenant-owned table: rows of the transaction's tenant only. */
export const tenantIsolation = (tenantId: AnyPgColumn) =>
  pgPolicy('tenant_isolation', {
    as: 'permissive',
    to: appRole,
    for: 'all',
    using: sql`${tenantId} = ${currentTenant}`,
    withCheck: sql`${tenantId} = ${currentTenant}`,
  })

/** An extra read-only policy (OR-ed with the others) for rows a signed-in user may see across tenants. */
export const readableWhen = (name: string, condition: SQL) =>
  pgPolicy(name, { as: 'permissive', to: appRole, for: 'select', using: condition })
