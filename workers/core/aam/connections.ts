import { z } from '@hono/zod-openapi'
import { CONNECTION_KINDS, type ConnectionKind } from './connection-kinds.ts'
import { parseCron } from './schedule.ts'

export const DRIFT_POLICIES = ['ignore', 'propagate', 'propagate_all', 'freeze', 'pause'] as const
export const DriftPolicy = z.enum(DRIFT_POLICIES).openapi('DriftPolicy', {
  description:
    'ignore: record drift only · propagate: adopt additive changes, breaking ones await review · propagate_all: adopt everything · freeze: keep the schema, quarantine non-conforming records · pause: stop the stream until a human resumes it',
})
export type DriftPolicy = z.infer<typeof DriftPolicy>

const StreamName = z
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
  .openapi({
    description: 'Sync schedule: a 5-field cron in UTC (minute hour day-of-month month day-of-week)',
    example: '0 * * * *',
  })

/** Kind-specific configuration; a discriminated union so each kind validates its own fields. */
export const FileConfig = z
  .object({
    format: z.enum(['csv', 'jsonl']).default('csv'),
    delimiter: z.string().length(1).default(','),
    primary_key: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Source field that identifies a record' }),
  })
  .openapi('FileSourceConfig')

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
      .openapi({ description: 'Stream selection: the tables to sync; all tables of the schema when omitted' }),
    cursor_column: Identifier.default('updated_at').openapi({
      description: 'Incremental cursor: rows are read in (cursor, key) order; tables without it are read by key',
    }),
    primary_key: Identifier.default('id'),
  })
  .openapi('PostgresSourceConfig')
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
      .openapi({ description: 'Where to get tokens: login.salesforce.com, test.salesforce.com or a My Domain URL' }),
    api_version: z
      .string()
      .regex(/^v\d{2}\.0$/, { error: 'must look like v60.0' })
      .default('v60.0'),
    objects: z
      .array(SalesforceObject)
      .min(1)
      .max(200)
      .default(['Account', 'Contact', 'Opportunity'])
      .openapi({ description: 'Stream selection: the objects to sync' }),
  })
  .openapi('SalesforceSourceConfig')
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
      .openapi({ description: 'Use the refresh-token flow instead of client credentials' }),
  })
  .openapi('SalesforceCredentials', {
    description: "A connected app's consumer key and secret. Write-only: stored encrypted, never returned",
  })
export type SalesforceCredentials = z.infer<typeof SalesforceCredentials>

export const MongoConfig = z
  .object({
    database: z
      .string()
      .regex(/^[^/\\. "$]{1,63}$/, { error: 'must be a MongoDB database name' })
      .openapi({ example: 'crm' }),
    collections: z
      .array(z.string().min(1).max(120))
      .max(500)
      .optional()
      .openapi({ description: 'Stream selection: the collections to sync; all of the database when omitted' }),
    cursor_field: z.string().min(1).max(200).default('updatedAt').openapi({
      description: 'Incremental cursor: documents are read in (cursor field, _id) order; by _id when they lack it',
    }),
    sample_size: z.number().int().min(10).max(10_000).default(500).openapi({
      description: 'Documents sampled ($sample) to infer each collection’s schema',
    }),
  })
  .openapi('MongoSourceConfig')
export type MongoConfig = z.infer<typeof MongoConfig>

const MongoUrl = z
  .string()
  .max(2000)
  .regex(/^mongodb(\+srv)?:\/\/[^\s]+$/, { error: 'must be a mongodb:// or mongodb+srv:// URL' })
  .openapi({
    description: 'Write-only: stored encrypted, never returned. Every host must be public (not private or loopback)',
    example: 'mongodb+srv://reader:secret@cluster0.example.mongodb.net',
  })

export const AirbyteConfig = z
  .object({
    base_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .openapi({
        description: 'The Airbyte server, up to (not including) /api',
        example: 'https://airbyte.example.com',
      }),
    connection_ids: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .openapi({ description: 'Stream selection: the Airbyte connections to watch' }),
  })
  .openapi('AirbyteMonitorConfig')
export type AirbyteConfig = z.infer<typeof AirbyteConfig>

export const PostgresUrl = z
  .string()
  .max(2000)
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, { error: 'must be a postgres:// or postgresql:// URL' })
  .openapi({
    description: 'Write-only: stored encrypted, never returned. Every host must be public (not private or loopback)',
    example: 'postgres://reader:secret@db.example.com:5432/crm',
  })

const common = {
  name: z.string().trim().min(1).max(120),
  drift_policy: DriftPolicy.default('propagate'),
  schedule: Schedule.nullable().optional(),
}

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

export const CreateConnectionBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('file'), config: FileConfig.default({ format: 'csv', delimiter: ',' }), ...common }),
    z.object({
      kind: z.literal('postgres'),
      url: PostgresUrl,
      config: PostgresConfig.default({ schema: 'public', cursor_column: 'updated_at', primary_key: 'id' }),
      ...common,
    }),
    z.object({
      kind: z.literal('salesforce'),
      credentials: SalesforceCredentials,
      config: SalesforceConfig.default({
        login_url: 'https://login.salesforce.com',
        api_version: 'v60.0',
        objects: ['Account', 'Contact', 'Opportunity'],
      }),
      ...common,
    }),
    z.object({ kind: z.literal('mongodb'), url: MongoUrl, config: MongoConfig, ...common }),
    z.object({
      kind: z.literal('airbyte'),
      token: z.string().trim().min(1).max(4000).openapi({
        description: 'An Airbyte application (bearer) token. Write-only: stored encrypted, never returned',
      }),
      config: AirbyteConfig,
      ...common,
    }),
  ])
  .openapi('CreateConnectionRequest')
export type CreateConnectionBody = z.infer<typeof CreateConnectionBody>

export const PutCredentialsBody = z
  .object({
    url: z.union([PostgresUrl, MongoUrl]).optional().openapi({ description: 'postgres or mongodb: the database URL' }),
    credentials: SalesforceCredentials.optional().openapi({ description: 'salesforce: the consumer key and secret' }),
    token: z.string().trim().min(1).max(4000).optional().openapi({ description: 'airbyte: the application token' }),
    config: z.record(z.string(), z.unknown()).optional().openapi({
      description: 'Settings to change at the same time, e.g. the `connection_ids` a draft Airbyte monitor lacks',
    }),
  })
  .openapi('PutConnectionCredentialsRequest')

export const PatchConnectionBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    drift_policy: DriftPolicy.optional(),
    schedule: Schedule.nullable().optional().openapi({ description: 'A cron in UTC, or null to sync only on demand' }),
    config: z.record(z.string(), z.unknown()).optional().openapi({
      description:
        'Kind-specific settings to change, merged into the current ones and validated for the kind; e.g. `{"tables": ["customers"]}` selects the streams a Postgres source syncs. Deselecting a stream keeps its stored records.',
    }),
  })
  .openapi('UpdateConnectionRequest')

export const Connection = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(CONNECTION_KINDS),
    config: z.record(z.string(), z.unknown()),
    drift_policy: DriftPolicy,
    created_at: z.string(),
    updated_at: z.string(),
    last_synced_at: z.string().nullable(),
    schedule: z.string().nullable(),
    next_sync_at: z.string().nullable(),
    draft: z
      .boolean()
      .openapi({ description: 'Imported from asset discovery; set its credentials before it can sync' }),
    aod_asset_id: z.string().nullable(),
  })
  .openapi('Connection')

export const ConnectionList = z.object({ data: z.array(Connection) }).openapi('ConnectionList')

export const UploadQuery = z.object({
  stream: StreamName.openapi({ param: { name: 'stream', in: 'query' }, example: 'contacts' }),
})

export const SnapshotFieldOut = z.object({
  path: z.string(),
  type: z.string(),
  nullable: z.boolean(),
  samples: z.array(z.unknown()).optional(),
})

export const Stream = z
  .object({
    id: z.uuid(),
    connection_id: z.uuid(),
    name: z.string(),
    fingerprint: z.string().nullable(),
    schema: z.array(SnapshotFieldOut).nullable(),
    profile: z.array(z.record(z.string(), z.unknown())).nullable(),
    record_count: z.number().int(),
    paused: z.boolean(),
    paused_reason: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi('Stream')

export const StreamList = z.object({ data: z.array(Stream) }).openapi('StreamList')

export const DriftRecord = z
  .object({
    id: z.uuid(),
    stream_id: z.uuid(),
    from_fingerprint: z.string(),
    to_fingerprint: z.string(),
    changes: z.array(z.record(z.string(), z.unknown())),
    breaking: z.boolean(),
    policy: DriftPolicy,
    action: z.string(),
    job_id: z.string().nullable(),
    detected_at: z.string(),
  })
  .openapi('DriftRecord')

export const DriftList = z.object({ data: z.array(DriftRecord) }).openapi('DriftList')

export const QuarantineItem = z
  .object({
    id: z.uuid(),
    stream_id: z.uuid(),
    source_file_id: z.string().nullable(),
    line: z.number().int().nullable(),
    reason: z.string(),
    raw: z.string(),
    created_at: z.string(),
  })
  .openapi('QuarantineItem')

export const QuarantineList = z.object({ data: z.array(QuarantineItem) }).openapi('QuarantineList')

export const RecordPage = z
  .object({ data: z.array(z.object({ event_id: z.string(), data: z.record(z.string(), z.unknown()) })) })
  .openapi('RecordPage')

export const UploadAccepted = z
  .object({ file_id: z.uuid(), stream: z.string(), size_bytes: z.number().int(), job_id: z.uuid() })
  .openapi('UploadAccepted')

export const ReplayBody = z
  .object({
    record: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'The corrected record; when omitted the quarantined record is replayed as it was' }),
  })
  .openapi('ReplayQuarantinedRequest')

export const ReplayResult = z
  .object({ event_id: z.string(), stored: z.boolean(), stream_id: z.uuid() })
  .openapi('ReplayResult')

export const DiscoveredStream = z
  .object({
    name: z.string(),
    latest_file_id: z.uuid().nullable(),
    records_sampled: z.number().int(),
    unparseable_rows: z.number().int(),
    schema: z.array(SnapshotFieldOut),
    profile: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('DiscoveredStream')

export const Discovery = z.object({ streams: z.array(DiscoveredStream) }).openapi('Discovery')
