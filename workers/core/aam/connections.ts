import { z } from 'zod'
import type { ConnectionKind } from './connection-kinds.ts'
import { parseCron } from './schedule.ts'

export const DRIFT_POLICIES = ['ignore', 'propagate', 'propagate_all', 'freeze', 'pause'] as const
export const DriftPolicy = z.enum(DRIFT_POLICIES).meta({
  id: 'DriftPolicy',
  description:
    'ignore: record drift only · propagate: adopt additive changes, breaking ones await review · propagate_all: adopt everything · freeze: keep the schema, quarantine non-conforming records · pause: stop the stream until a human resumes it',
})
export type DriftPolicy = z.infer<typeof DriftPolicy>

export const StreamName = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]{0,99}$/, { error: 'letters, digits, _ . - (max 100), starting with a letter or digit' })

export const Schedule = z
  .string()
  .trim()
  .max(100)
  .superRefine((value, ctx) => {
    const parsed = parseCron(value)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error })
  })
  .meta({
    description: 'Sync schedule: a 5-field cron in UTC (minute hour day-of-month month day-of-week)',
    example: '0 * * * *',
  })

/** Kind-specific configuration; a discriminated union so each kind validates its own fields. */
export const FileConfig = z
  .object({
    format: z.enum(['csv', 'jsonl']).default('csv'),
    delimiter: z.string().length(1).default(','),
    primary_key: z.string().min(1).max(200).optional().meta({ description: 'Source field that identifies a record' }),
  })
  .meta({ id: 'FileSourceConfig' })

const Identifier = z
  .string()
  .regex(/^[A-Za-z_][\w$]{0,62}$/, { error: 'must be a Postgres identifier (letters, digits, _ and $)' })

export const PostgresConfig = z
  .object({
    schema: Identifier.default('public'),
    tables: z
      .array(Identifier)
      .max(500)
      .optional()
      .meta({ description: 'Stream selection: the tables to sync; all tables of the schema when omitted' }),
    cursor_column: Identifier.default('updated_at').meta({
      description: 'Incremental cursor: rows are read in (cursor, key) order; tables without it are read by key',
    }),
    primary_key: Identifier.default('id'),
  })
  .meta({ id: 'PostgresSourceConfig' })
export type PostgresConfig = z.infer<typeof PostgresConfig>

const SalesforceObject = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, { error: 'must be a Salesforce object API name, e.g. Account or Invoice__c' })

export const SalesforceConfig = z
  .object({
    login_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .default('https://login.salesforce.com')
      .meta({ description: 'Where to get tokens: login.salesforce.com, test.salesforce.com or a My Domain URL' }),
    api_version: z
      .string()
      .regex(/^v\d{2}\.0$/, { error: 'must look like v60.0' })
      .default('v60.0'),
    objects: z
      .array(SalesforceObject)
      .min(1)
      .max(200)
      .default(['Account', 'Contact', 'Opportunity'])
      .meta({ description: 'Stream selection: the objects to sync' }),
  })
  .meta({ id: 'SalesforceSourceConfig' })
export type SalesforceConfig = z.infer<typeof SalesforceConfig>

export const SalesforceCredentials = z
  .object({
    client_id: z.string().trim().min(1).max(500),
    client_secret: z.string().trim().min(1).max(500),
    refresh_token: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .meta({ description: 'Use the refresh-token flow instead of client credentials' }),
  })
  .meta({
    id: 'SalesforceCredentials',
    description: "A connected app's consumer key and secret. Write-only: stored encrypted, never returned",
  })
export type SalesforceCredentials = z.infer<typeof SalesforceCredentials>

export const MongoConfig = z
  .object({
    database: z
      .string()
      .regex(/^[^/\\. "$]{1,63}$/, { error: 'must be a MongoDB database name' })
      .meta({ example: 'crm' }),
    collections: z
      .array(z.string().min(1).max(120))
      .max(500)
      .optional()
      .meta({ description: 'Stream selection: the collections to sync; all of the database when omitted' }),
    cursor_field: z.string().min(1).max(200).default('updatedAt').meta({
      description: 'Incremental cursor: documents are read in (cursor field, _id) order; by _id when they lack it',
    }),
    sample_size: z.number().int().min(10).max(10_000).default(500).meta({
      description: 'Documents sampled ($sample) to infer each collection’s schema',
    }),
  })
  .meta({ id: 'MongoSourceConfig' })
export type MongoConfig = z.infer<typeof MongoConfig>

export const MongoUrl = z
  .string()
  .max(2000)
  .regex(/^mongodb(\+srv)?:\/\/[^\s]+$/, { error: 'must be a mongodb:// or mongodb+srv:// URL' })
  .meta({
    description: 'Write-only: stored encrypted, never returned. Every host must be public (not private or loopback)',
    example: 'mongodb+srv://reader:secret@cluster0.example.mongodb.net',
  })

export const AirbyteConfig = z
  .object({
    base_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .meta({
        description: 'The Airbyte server, up to (not including) /api',
        example: 'https://airbyte.example.com',
      }),
    connection_ids: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .meta({ description: 'Stream selection: the Airbyte connections to watch' }),
  })
  .meta({ id: 'AirbyteMonitorConfig' })
export type AirbyteConfig = z.infer<typeof AirbyteConfig>

export const PostgresUrl = z
  .string()
  .max(2000)
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, { error: 'must be a postgres:// or postgresql:// URL' })
  .meta({
    description: 'Write-only: stored encrypted, never returned. Every host must be public (not private or loopback)',
    example: 'postgres://reader:secret@db.example.com:5432/crm',
  })

const CONFIGS = {
  file: FileConfig,
  postgres: PostgresConfig,
  salesforce: SalesforceConfig,
  airbyte: AirbyteConfig,
  mongodb: MongoConfig,
} as const

/** A connection's settings after a PATCH: the current ones with the changes, valid for its kind. */
export function mergeConfig(kind: ConnectionKind, current: Record<string, unknown>, changes: Record<string, unknown>) {
  // null removes a setting, so it falls back to its default (e.g. `tables: null` syncs every table).
  const merged = Object.fromEntries(Object.entries({ ...current, ...changes }).filter(([, v]) => v !== null))
  return CONFIGS[kind].safeParse(merged)
}
