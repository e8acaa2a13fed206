import { z } from '@hono/zod-openapi'
import { DriftPolicy, Schedule, StreamName } from '../core/aam/connections.ts'
import type { Connector } from '../core/aam/connectors/connector.ts'
import { CONNECTION_KINDS, CONNECTORS } from '../core/aam/connectors/registry.ts'
import { HEALTH_STATES } from '../core/aam/health.ts'
import { RowCounts, SnapshotFieldOut } from './streams.ts'

// The wire shapes of /v1/connections: what a client sends to create and change a connection and what it
// reads back. Everything kind-specific comes from the connector registry, so a new kind needs no edit here.

export type ConnectionKind = (typeof CONNECTION_KINDS)[number]

const common = {
  name: z.string().trim().min(1).max(120),
  drift_policy: DriftPolicy.default('propagate'),
  schedule: Schedule.nullable().optional(),
}

const connectors: Connector[] = CONNECTION_KINDS.map((kind) => CONNECTORS[kind])

/** A kind whose every setting has a default may leave `config` out. */
function configOnCreate(config: Connector['config']) {
  const defaults = config.safeParse({})
  return defaults.success ? config.default(defaults.data) : config
}

const createVariant = (c: Connector) =>
  z.object({
    kind: z.literal(c.kind),
    ...(c.secret ? { [c.secret.field]: c.secret.schema } : {}),
    config: configOnCreate(c.config),
    ...common,
  })

export const CreateConnectionBody = z
  .discriminatedUnion('kind', connectors.map(createVariant) as [ReturnType<typeof createVariant>])
  .openapi('CreateConnectionRequest')
export type CreateConnectionBody = z.infer<typeof CreateConnectionBody>

/** Each request field that carries a secret, with the kinds that send it. */
const secretFields = () => {
  const fields = new Map<string, Connector[]>()
  for (const c of connectors) if (c.secret) fields.set(c.secret.field, [...(fields.get(c.secret.field) ?? []), c])
  return [...fields].map(([field, kinds]) => ({ field, kinds }))
}

const secretFieldSchema = (kinds: Connector[]) => {
  const schemas = kinds.flatMap((c) => (c.secret ? [c.secret.schema] : []))
  const [first, second, ...rest] = schemas
  return second ? z.union([first as z.ZodType, second, ...rest]) : (first as z.ZodType)
}

/** For the documentation: `url` (postgres, mongodb), `credentials` (salesforce) or `token` (airbyte). */
export const secretFieldsInWords = () =>
  secretFields()
    .map(({ field, kinds }) => `\`${field}\` (${kinds.map((c) => c.kind).join(', ')})`)
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1')

export const PutCredentialsBody = z
  .object({
    ...Object.fromEntries(
      secretFields().map(({ field, kinds }) => [
        field,
        secretFieldSchema(kinds)
          .meta({ description: `${kinds.map((c) => c.kind).join(' or ')}: ${kinds[0]?.secret?.describe}` })
          .optional(),
      ]),
    ),
    config: z.record(z.string(), z.unknown()).optional().openapi({
      description: 'Settings to change at the same time, e.g. the `connection_ids` a draft Airbyte monitor lacks',
    }),
  })
  .openapi('PutConnectionCredentialsRequest')
export type PutCredentialsBody = z.infer<typeof PutCredentialsBody>

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
export type PatchConnectionBody = z.infer<typeof PatchConnectionBody>

export const ConnectionHealth = z
  .object({
    state: z.enum(HEALTH_STATES).openapi({
      description:
        'healthy: the last sync succeeded; syncing: a sync is queued or running; failing: the last sync failed (see `last_error`, `next_retry_at`); paused: a stream is paused on drift; needs_review: breaking drift is held for review; never_synced: no sync has succeeded yet',
    }),
    reason: z.string().openapi({ description: 'The state in words, with what happens next' }),
    last_error: z.string().nullable().openapi({ description: 'Why the last sync failed, when failing' }),
    next_retry_at: z.string().nullable().openapi({
      description: 'When failing: the queued retry, or the next scheduled sync once the retries are spent',
    }),
  })
  .openapi('ConnectionHealth')

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
    safe_mode: z.boolean().openapi({
      description:
        'On (the default): the repair engine only proposes repairs here (PUT /v1/connections/{id}/safe-mode, admins)',
    }),
    // What the last successful sync did with the rows it read; null before the first. A union, not
    // `.nullable()`: that would make the named RowCounts component itself nullable in the document.
    last_sync_counts: z.union([RowCounts, z.null()]),
    health: ConnectionHealth,
  })
  .openapi('Connection')

export const ConnectionList = z.object({ data: z.array(Connection) }).openapi('ConnectionList')

export const DeleteConnectionQuery = z.object({
  purge: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .meta({
      param: { name: 'purge', in: 'query' },
      description:
        'true: also remove everything the connection brought in (records, quarantine, uploaded files, its DCL records and their unified-view rows, drift and repair history, its mappings), in an aam.connection-purge job',
    }),
})

export const UploadQuery = z.object({
  stream: StreamName.meta({ param: { name: 'stream', in: 'query' }, example: 'contacts' }),
})

export const UploadAccepted = z
  .object({ file_id: z.uuid(), stream: z.string(), size_bytes: z.number().int(), job_id: z.uuid() })
  .openapi('UploadAccepted')

export const SourceFile = z
  .object({
    id: z.uuid(),
    stream: z.string(),
    format: z.string(),
    size_bytes: z.number().int(),
    uploaded_at: z.string(),
    status: z.enum(['pending', 'synced', 'failed']).openapi({
      description:
        'pending: waiting for its sync; synced: every row read is accounted for in `counts`; failed: it cannot be read (or kept failing), see `failure_reason`, and the files after it sync regardless',
    }),
    synced_at: z.string().nullable(),
    failed_at: z.string().nullable(),
    failure_reason: z.string().nullable(),
    attempts: z.number().int().openapi({ description: 'Syncs that started on this file' }),
    counts: z.union([RowCounts, z.null()]), // set once synced
  })
  .openapi('SourceFile')

export const SourceFileList = z
  .object({ data: z.array(SourceFile), next_cursor: z.string().nullable() })
  .openapi('SourceFileList')

export const DiscoveredStream = z
  .object({
    name: z.string(),
    latest_file_id: z.uuid().nullable(),
    records_sampled: z.number().int(),
    unparseable_rows: z.number().int(),
    schema: z.array(SnapshotFieldOut),
    profile: z.array(z.record(z.string(), z.unknown())),
    unreadable: z
      .string()
      .nullable()
      .openapi({ description: 'Why the latest file cannot be read at all (then nothing of it was sampled)' }),
  })
  .openapi('DiscoveredStream')

export const Discovery = z.object({ streams: z.array(DiscoveredStream) }).openapi('Discovery')
