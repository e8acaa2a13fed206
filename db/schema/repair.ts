import { sql } from 'drizzle-orm'
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { connections, driftEvents, streams } from './aam.ts'
import { tenantIsolation } from './rls.ts'
import { tenantRef } from './tenancy.ts'

/**
 * One proposed repair per drift change: what it would write to the mapping registry, how sure it is
 * and why. Unique per (drift, change), so a redelivered repair job proposes, and applies, once.
 */
export const repairs = pgTable(
  'repairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    driftId: uuid('drift_id')
      .notNull()
      .references(() => driftEvents.id),
    changeIndex: integer('change_index').notNull(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    kind: text('kind').notNull(),
    /** The change in words independent of the stream, so a decision on it counts for the next one like it. */
    signature: text('signature').notNull(),
    summary: text('summary').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    evidence: jsonb('evidence').$type<string[]>().notNull(),
    /** The registry entries the repair writes, as they will read once applied. */
    writes: jsonb('writes').$type<unknown[]>().notNull(),
    status: text('status').notNull(),
    /** The registry versions applying wrote (ids), so a revert knows exactly what to undo. */
    appliedVersions: jsonb('applied_versions').$type<string[]>().notNull().default([]),
    /** `system` when the engine applied it above the threshold; else who decided. */
    decidedByType: text('decided_by_type'),
    decidedById: uuid('decided_by_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('repairs_drift_change_key').on(t.tenantId, t.driftId, t.changeIndex),
    index('repairs_tenant_status_idx').on(t.tenantId, t.status, t.createdAt),
    index('repairs_tenant_signature_idx').on(t.tenantId, t.signature).where(sql`${t.decidedByType} <> 'system'`),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * How much the platform may do on its own for a tenant. No row: the defaults (Safe Mode on, the
 * product's threshold), so a new tenant starts in Safe Mode.
 */
export const tenantAutomation = pgTable(
  'tenant_automation',
  {
    tenantId: tenantRef().primaryKey(),
    safeMode: boolean('safe_mode').notNull().default(true),
    repairThreshold: doublePrecision('repair_threshold').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantIsolation(t.tenantId)],
)
