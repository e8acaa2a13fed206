import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tenantIsolation } from './rls.ts'
import { tenants } from './tenancy.ts'

export const jobStatusEnum = pgEnum('job_status', ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'])

/** One row per task; queue messages carry only (tenant_id, job_id). */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull(),
    status: jobStatusEnum('status').notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    /** What clients see: a safe summary of the last failure. */
    lastError: text('last_error'),
    /** The full error (SQL, stack, driver text), for operators only; never sent to a client. */
    lastErrorDetail: text('last_error_detail'),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** How far a running job is (`done` of `total` `unit`), as its handler last reported it. */
    progress: jsonb('progress').$type<{ done: number; total: number; unit: string }>(),
  },
  (t) => [
    uniqueIndex('jobs_tenant_idempotency_key')
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('jobs_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('jobs_tenant_status_idx').on(t.tenantId, t.status, t.createdAt.desc()),
    tenantIsolation(t.tenantId),
  ],
)

/** Per-tenant notification settings; the Slack webhook URL is stored AES-GCM encrypted. */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id),
    slackWebhookCiphertext: text('slack_webhook_ciphertext'),
    slackWebhookHint: text('slack_webhook_hint'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantIsolation(t.tenantId)],
)
