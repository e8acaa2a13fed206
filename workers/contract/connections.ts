import { z } from '@hono/zod-openapi'
import { CONNECTION_KINDS } from '../core/aam/connection-kinds.ts'
import {
  AirbyteConfig,
  DriftPolicy,
  FileConfig,
  MongoConfig,
  MongoUrl,
  PostgresConfig,
  PostgresUrl,
  SalesforceConfig,
  SalesforceCredentials,
  Schedule,
  StreamName,
} from '../core/aam/connections.ts'
import { SnapshotFieldOut } from './streams.ts'

// The wire shapes of /v1/connections: what a client sends to create and change a connection and what it reads back.

const common = {
  name: z.string().trim().min(1).max(120),
  drift_policy: DriftPolicy.default('propagate'),
  schedule: Schedule.nullable().optional(),
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
    credentials: SalesforceCredentials.optional().meta({ description: 'salesforce: the consumer key and secret' }),
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
  stream: StreamName.meta({ param: { name: 'stream', in: 'query' }, example: 'contacts' }),
})

export const UploadAccepted = z
  .object({ file_id: z.uuid(), stream: z.string(), size_bytes: z.number().int(), job_id: z.uuid() })
  .openapi('UploadAccepted')

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
