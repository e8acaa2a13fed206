import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { jobs } from './jobs.ts'
import { tenantIsolation } from './rls.ts'
import { tenantRef } from './tenancy.ts'

export const driftPolicyEnum = pgEnum('drift_policy', ['ignore', 'propagate', 'propagate_all', 'freeze', 'pause'])

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/** A tenant's source. Secrets, when a kind has any, live only in `secret_ciphertext` (AES-GCM). */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    /** The connector's kind (workers/core/aam/connectors/registry.ts): text the API validates, so a new kind needs no migration. */
    kind: text('kind').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    secretCiphertext: text('secret_ciphertext'),
    driftPolicy: driftPolicyEnum('drift_policy').notNull().default('propagate'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    /** One sync per connection at a time, so files are read in upload order and never twice at once. */
    syncLeaseUntil: timestamp('sync_lease_until', { withTimezone: true }),
    syncJobId: uuid('sync_job_id'),
    /** A 5-field UTC cron; the platform's Cron Trigger queues a sync once `next_sync_at` has passed. */
    schedule: text('schedule'),
    nextSyncAt: timestamp('next_sync_at', { withTimezone: true }),
    /** Imported from asset discovery and not yet usable: its credentials (and maybe settings) are missing. */
    draft: boolean('draft').notNull().default(false),
    /** The AOD asset it was imported from; one connection per asset, so an import is never doubled. */
    aodAssetId: text('aod_asset_id'),
    /** What the last successful sync did with the rows it read (rows = stored + quarantined + skipped). */
    lastSyncCounts: jsonb('last_sync_counts').$type<Record<string, unknown>>(),
    /** Safe Mode: the repair engine proposes but applies nothing on its own here, however sure. */
    safeMode: boolean('safe_mode').notNull().default(true),
  },
  (t) => [
    index('connections_tenant_created_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('connections_tenant_aod_asset_key')
      .on(t.tenantId, t.aodAssetId)
      .where(sql`${t.aodAssetId} is not null and ${t.deletedAt} is null`),
    index('connections_next_sync_idx')
      .on(t.nextSyncAt)
      .where(sql`${t.nextSyncAt} is not null and ${t.deletedAt} is null`),
    tenantIsolation(t.tenantId),
  ],
)

/** A table / object / file family of a connection, with its current inferred schema and fingerprint. */
export const streams = pgTable(
  'streams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id),
    name: text('name').notNull(),
    selected: boolean('selected').notNull().default(true),
    schema: jsonb('schema').$type<unknown[]>(),
    fingerprint: text('fingerprint'),
    profile: jsonb('profile').$type<Record<string, unknown>>(),
    cursor: jsonb('cursor').$type<Record<string, unknown>>(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedReason: text('paused_reason'),
    /**
     * Breaking drift under `propagate` awaits a decision on this drift record: the schema is not adopted
     * and every record read meanwhile goes to `held_records`. Cleared once the decision is applied.
     */
    heldDriftId: uuid('held_drift_id').references((): AnyPgColumn => driftEvents.id),
    recordCount: bigint('record_count', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('streams_tenant_connection_name_key').on(t.tenantId, t.connectionId, t.name),
    tenantIsolation(t.tenantId),
  ],
)

/** One uploaded file (FileSource), kept in R2 under a tenant-prefixed key. */
export const sourceFiles = pgTable(
  'source_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id),
    streamName: text('stream_name').notNull(),
    objectKey: text('object_key').notNull(),
    format: text('format').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    /** Syncs that started on this file; one that keeps failing is given up on, so it never blocks the next. */
    attempts: integer('attempts').notNull().default(0),
    /** Set when the file cannot be read (or kept failing): it is skipped from then on, with the reason. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    failureReason: text('failure_reason'),
    /** What its sync did with each row it read (rows = stored + quarantined + skipped). */
    rowCounts: jsonb('row_counts').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('source_files_tenant_connection_idx').on(t.tenantId, t.connectionId, t.uploadedAt),
    tenantIsolation(t.tenantId),
  ],
)

/** Every change of a stream's schema, classified; what the policy did about it. */
export const driftEvents = pgTable(
  'drift_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    fromFingerprint: text('from_fingerprint').notNull(),
    toFingerprint: text('to_fingerprint').notNull(),
    changes: jsonb('changes').$type<unknown[]>().notNull(),
    breaking: boolean('breaking').notNull(),
    policy: driftPolicyEnum('policy').notNull(),
    action: text('action').notNull(),
    jobId: uuid('job_id').references(() => jobs.id),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when no one need decide; else `pending`, then `accepted` or `rejected` by a human. */
    review: text('review').$type<DriftReview>(),
    /** The observed schema (and field profiles) a held drift would adopt if accepted. */
    proposedSchema: jsonb('proposed_schema').$type<unknown[]>(),
    proposedProfile: jsonb('proposed_profile').$type<Record<string, unknown>>(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Who decided, as the audit log names them: `user` or `api_key`, and its id. */
    decidedByType: text('decided_by_type'),
    decidedById: uuid('decided_by_id'),
    decisionComment: text('decision_comment'),
  },
  (t) => [
    index('drift_events_tenant_stream_idx').on(t.tenantId, t.streamId, t.detectedAt),
    index('drift_events_tenant_pending_idx').on(t.tenantId, t.detectedAt).where(sql`${t.review} = 'pending'`),
    tenantIsolation(t.tenantId),
  ],
)

export type DriftReview = 'pending' | 'accepted' | 'rejected'

/**
 * Records read while their stream is held for review (breaking drift under `propagate`): kept as read,
 * in order, out of `records` and the DCL until the drift is accepted (then stored under its schema) or
 * rejected (then quarantined with the reason).
 */
export const heldRecords = pgTable(
  'held_records',
  {
    tenantId: tenantRef(),
    driftId: uuid('drift_id')
      .notNull()
      .references(() => driftEvents.id),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    eventId: text('event_id').notNull(),
    record: jsonb('record').$type<Record<string, unknown>>().notNull(),
    /** The time its events will carry once released. */
    eventTime: text('event_time').notNull(),
    sourceFileId: uuid('source_file_id').references(() => sourceFiles.id),
    line: integer('line'),
    /** Read order: released in it. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('held_records_tenant_event_key').on(t.tenantId, t.eventId),
    index('held_records_tenant_drift_seq_idx').on(t.tenantId, t.driftId, t.seq),
    tenantIsolation(t.tenantId),
  ],
)

/** Stored canonical events; `event_id` is deterministic, so a re-read of the same source row is a no-op. */
export const records = pgTable(
  'records',
  {
    tenantId: tenantRef(),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    eventId: text('event_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('records_tenant_event_key').on(t.tenantId, t.eventId),
    index('records_tenant_stream_idx').on(t.tenantId, t.streamId, t.syncedAt),
    tenantIsolation(t.tenantId),
  ],
)

/** Records that failed parsing or validation, with the reason and the raw input: never dropped. */
export const quarantine = pgTable(
  'quarantine',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id),
    sourceFileId: uuid('source_file_id').references(() => sourceFiles.id),
    line: integer('line'),
    reason: text('reason').notNull(),
    /** The row as read; shown with U+FFFD where it held what text cannot (then `raw_base64` is exact). */
    raw: text('raw').notNull(),
    /** The exact bytes, when `raw` cannot hold them: bytes that are not UTF-8, a NUL. */
    rawBase64: text('raw_base64'),
    /** `raw` is the start of an over-long record; the whole is line `line` of the source file. */
    rawTruncated: boolean('raw_truncated').notNull().default(false),
    /** Insertion order: the keyset the list pages by (rows of one batch share `created_at`). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('quarantine_tenant_stream_idx').on(t.tenantId, t.streamId, t.createdAt),
    index('quarantine_tenant_stream_seq_idx').on(t.tenantId, t.streamId, t.seq),
    uniqueIndex('quarantine_tenant_file_line_key')
      .on(t.tenantId, t.sourceFileId, t.line)
      .where(sql`${t.sourceFileId} is not null`),
    tenantIsolation(t.tenantId),
  ],
)
