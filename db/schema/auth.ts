import { sql } from 'drizzle-orm'
import { index, jsonb, pgEnum, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { appRole, tenantIsolation } from './rls.ts'
import { roleEnum, tenants, users } from './tenancy.ts'

/** Rotating refresh tokens: one row per issued token, grouped in families for reuse detection. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refresh_tokens_tenant_hash_key').on(t.tenantId, t.tokenHash),
    index('refresh_tokens_tenant_family_idx').on(t.tenantId, t.familyId),
    tenantIsolation(t.tenantId),
  ],
)

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    role: roleEnum('role').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_tenant_hash_key').on(t.tenantId, t.keyHash),
    index('api_keys_tenant_created_idx').on(t.tenantId, t.createdAt),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * An invitation to join a tenant. Only its acceptance, by someone who opened the emailed link (and so
 * proved the address), creates the membership.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    role: roleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_tenant_hash_key').on(t.tenantId, t.tokenHash),
    uniqueIndex('invitations_tenant_pending_email_key')
      .on(t.tenantId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    tenantIsolation(t.tenantId),
  ],
)

export const emailTokenPurposeEnum = pgEnum('email_token_purpose', ['signup', 'password_reset'])

/**
 * Single-use links sent by email: a signup waiting for its address to be proved (it carries the
 * password hash and workspace name chosen, so nothing exists until the link is opened) or a password
 * reset (which also proves the address of an account that never proved it). A row is visible only to a transaction that presents its token's hash.
 */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: emailTokenPurposeEnum('purpose').notNull(),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    data: jsonb('data').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('email_tokens_hash_key').on(t.tokenHash),
    pgPolicy('email_token_insert', { to: appRole, for: 'insert', withCheck: sql`true` }),
    pgPolicy('email_token_presented', {
      to: appRole,
      for: 'all',
      using: sql`${t.tokenHash} = app_token_hash()`,
      withCheck: sql`${t.tokenHash} = app_token_hash()`,
    }),
  ],
)
