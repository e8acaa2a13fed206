import { sql } from 'drizzle-orm'
import { index, pgEnum, pgPolicy, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { appRole, currentTenant, currentUser, readableWhen, tenantIsolation } from './rls.ts'

export const roleEnum = pgEnum('member_role', ['owner', 'admin', 'member', 'viewer'])
export const membershipStatusEnum = pgEnum('membership_status', ['active', 'deactivated'])

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy('tenant_self', {
      to: appRole,
      for: 'all',
      using: sql`${t.id} = ${currentTenant}`,
      withCheck: sql`${t.id} = ${currentTenant}`,
    }),
    readableWhen(
      'tenant_of_member',
      sql`exists (select 1 from memberships m where m.tenant_id = ${t.id} and m.user_id = ${currentUser})`,
    ),
  ],
)

/** The owning tenant of a row: every tenant-scoped table's first column. */
export const tenantRef = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id)

/**
 * Users are global (one login, several tenants). A user row is visible to the user themself, to a
 * login looking up that exact email, and to the tenants the user belongs to.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Set when the user proved the address (a link we emailed); unverified users join no tenant. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    pgPolicy('user_insert', { to: appRole, for: 'insert', withCheck: sql`true` }),
    pgPolicy('user_self', {
      to: appRole,
      for: 'update',
      using: sql`${t.id} = ${currentUser}`,
      withCheck: sql`${t.id} = ${currentUser}`,
    }),
    readableWhen(
      'user_visible',
      sql`${t.id} = ${currentUser}
        or ${t.email} = app_login_email()
        or exists (select 1 from memberships m where m.user_id = ${t.id} and m.tenant_id = ${currentTenant})`,
    ),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: roleEnum('role').notNull(),
    status: membershipStatusEnum('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    /** Access tokens issued before this instant stop working here (deactivation, role change). */
    sessionsRevokedAt: timestamp('sessions_revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    tenantIsolation(t.tenantId),
    readableWhen('membership_of_self', sql`${t.userId} = ${currentUser}`),
  ],
)
