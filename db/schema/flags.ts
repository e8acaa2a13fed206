import { sql } from 'drizzle-orm'
import { boolean, pgPolicy, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { appRole, currentTenant, currentUser, readableWhen } from './rls.ts'
import { tenants, users } from './tenancy.ts'

/**
 * Who may change platform-wide settings (global flags). Granted only outside the Worker, by the
 * migrating role (`npm run create-admin -- --platform-admin`): `aos_app` has no policy to write here.
 */
export const platformAdmins = pgTable(
  'platform_admins',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [readableWhen('platform_admin_self', sql`${t.userId} = ${currentUser}`)],
)

const isPlatformAdmin = sql`exists (select 1 from platform_admins p where p.user_id = ${currentUser})`

/**
 * Flag values, the truth behind the Redis cache: a tenant's override (`tenant_id` set) or the global
 * value every tenant without an override gets (`tenant_id` null). No row: the code default.
 */
export const flagValues = pgTable(
  'flag_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    name: text('name').notNull(),
    value: boolean('value').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('flag_values_tenant_name_key').on(t.tenantId, t.name).nullsNotDistinct(),
    pgPolicy('tenant_isolation', {
      to: appRole,
      for: 'all',
      using: sql`${t.tenantId} = ${currentTenant}`,
      withCheck: sql`${t.tenantId} = ${currentTenant}`,
    }),
    readableWhen('global_readable', sql`${t.tenantId} is null`),
    pgPolicy('global_by_platform_admin', {
      to: appRole,
      for: 'all',
      using: sql`${t.tenantId} is null and ${isPlatformAdmin}`,
      withCheck: sql`${t.tenantId} is null and ${isPlatformAdmin}`,
    }),
  ],
)
