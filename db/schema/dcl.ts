import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { connections } from './aam.ts'
import { tenantIsolation } from './rls.ts'
import { tenantRef } from './tenancy.ts'

/**
 * The DCL's unified entities, fed by the AAM's canonical events over the `canonical-events` queue:
 * the newest version of each source record, per canonical entity. Applying an event twice, or an
 * older one after a newer, changes nothing (the queue delivers at least once, in no promised order).
 */
export const dclEntities = pgTable(
  'dcl_entities',
  {
    tenantId: tenantRef(),
    entity: text('entity').notNull(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    eventId: text('event_id').notNull(),
    eventTime: timestamp('event_time', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    versions: integer('versions').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entity, t.source, t.externalId] }),
    index('dcl_entities_tenant_entity_idx').on(t.tenantId, t.entity, t.updatedAt),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * The unified views: per canonical entity, one row per real-world entity merged from `dcl_entities`
 * (core/dcl/views). `member_keys` are the source records a row holds (`<source> US <external_id>`);
 * `dcl_unified_keys` indexes them and the members' normalised lookup keys (email, domain, phone, name).
 */
export const dclUnifiedRows = pgTable(
  'dcl_unified_rows',
  {
    tenantId: tenantRef(),
    entity: text('entity').notNull(),
    unifiedId: uuid('unified_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    lineage: jsonb('lineage')
      .$type<Record<string, { source: string; external_id: string; event_time: string }>>()
      .notNull(),
    members: jsonb('members').$type<{ source: string; external_id: string; event_time: string }[]>().notNull(),
    memberKeys: text('member_keys').array().notNull(),
    sources: text('sources').array().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entity, t.unifiedId] }),
    index('dcl_unified_rows_page_idx').on(t.tenantId, t.entity, t.updatedAt, t.unifiedId),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * What an incremental refresh searches: per unified row, each of its member keys and lookup keys (the
 * two never collide: a member key holds a US character, a lookup key never does). A GIN index on the
 * rows' arrays is of no use under RLS (`&&` is not leakproof, so the planner will not push it below the
 * policy); text equality is, so `key = any(...)` walks this btree.
 */
export const dclUnifiedKeys = pgTable(
  'dcl_unified_keys',
  {
    tenantId: tenantRef(),
    entity: text('entity').notNull(),
    key: text('key').notNull(),
    unifiedId: uuid('unified_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entity, t.key, t.unifiedId] }),
    index('dcl_unified_keys_row_idx').on(t.tenantId, t.entity, t.unifiedId),
    tenantIsolation(t.tenantId),
  ],
)

/** Canonical-event batches the DCL could not apply after every retry: kept whole, to see and replay. */
export const dclDeadLetters = pgTable(
  'dcl_dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    streamId: uuid('stream_id').notNull(),
    events: jsonb('events').$type<unknown[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    replayedAt: timestamp('replayed_at', { withTimezone: true }),
  },
  (t) => [index('dcl_dead_letters_tenant_idx').on(t.tenantId, t.createdAt), tenantIsolation(t.tenantId)],
)

/**
 * The mapping registry: which source field fills which canonical field, one row per version. A
 * mapping is never edited in place: a change, a review decision or a revert adds the next version, so
 * every earlier state can be restored and the audit question "who mapped this, when, why" has an answer.
 * `connection_id` null means the mapping holds for every connection of `source_system`.
 */
export const mappingRegistry = pgTable(
  'mapping_registry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    sourceSystem: text('source_system').notNull(),
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'cascade' }),
    sourceStream: text('source_stream').notNull(),
    sourcePath: text('source_path').notNull(),
    version: integer('version').notNull(),
    entity: text('entity').notNull(),
    field: text('field').notNull(),
    transform: text('transform').notNull().default('none'),
    confidence: doublePrecision('confidence').notNull(),
    status: text('status').notNull(),
    provenance: text('provenance').notNull(),
    note: text('note'),
    /** Why the suggester proposed it, in words a reviewer reads (empty for mappings stated by a person). */
    evidence: jsonb('evidence').$type<string[]>().notNull().default([]),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('mapping_registry_version_key')
      .on(t.tenantId, t.sourceSystem, t.connectionId, t.sourceStream, t.sourcePath, t.version)
      .nullsNotDistinct(),
    index('mapping_registry_target_idx').on(t.tenantId, t.entity, t.field),
    tenantIsolation(t.tenantId),
  ],
)
