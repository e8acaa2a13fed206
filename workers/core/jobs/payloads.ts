import { z } from 'zod'
import { CANONICAL_ENTITIES } from '../../contract/vocabulary/entities.ts'
import type { JobKind } from '../../contract/vocabulary/jobs.ts'

/** Payload schema per job kind: the API rejects a payload its handler could not run. */
export const JOB_PAYLOADS = {
  noop: z
    .object({
      sleep_ms: z.number().int().min(0).max(60_000).default(0),
      fail_times: z.number().int().min(0).max(20).default(0),
      fail_always: z.boolean().default(false),
      message: z.string().max(500).optional(),
    })
    .meta({ id: 'NoopPayload' }),
  'aam.sync': z
    .object({ connection_id: z.uuid() })
    .meta({ id: 'AamSyncPayload', description: 'Syncs every not-yet-synced file of a connection, oldest first' }),
  'aam.connection-purge': z.object({ connection_id: z.uuid() }).meta({
    id: 'AamConnectionPurgePayload',
    description:
      'Removes everything a deleted connection brought in, in batches, and takes its rows out of the unified views (DELETE /v1/connections/{id}?purge=true queues it; it cannot be queued through POST /v1/jobs)',
  }),
  'notify.slack': z.object({ text: z.string().trim().min(1).max(3000) }).meta({ id: 'NotifySlackPayload' }),
  'dcl.backfill': z.object({}).meta({
    id: 'DclBackfillPayload',
    description: 'Sends every stored record of the tenant to the DCL as canonical events (applied once each)',
  }),
  'dcl.direct-read': z.object({ connection_id: z.uuid() }).meta({
    id: 'DclDirectReadPayload',
    description:
      'Reads a connection’s sources directly into the DCL (while USE_AAM_AS_SOURCE is off; queued after each sync)',
  }),
  'dcl.view-rebuild': z.object({ entity: z.enum(CANONICAL_ENTITIES) }).meta({
    id: 'DclViewRebuildPayload',
    description:
      'Rebuilds a unified view from every source record (POST /v1/dcl/views/{entity}/rebuild queues it for large views)',
  }),
  'dcl.rederive': z.object({ stream_id: z.uuid() }).meta({
    id: 'DclRederivePayload',
    description:
      'Converts a stream’s stored records again under its current mappings and replaces what the DCL derived from them (queued when a person accepts, rejects, edits or reverts one of its mappings)',
  }),
  'kb.ingest': z.object({ key: z.string().min(1).max(512), upload_id: z.uuid() }).meta({
    id: 'KbIngestPayload',
    description: 'Chunks, embeds and stores one uploaded knowledge-base document (POST /v1/kb/documents queues it)',
  }),
  'kb.metadata': z.object({}).meta({
    id: 'KbMetadataPayload',
    description:
      'Rewrites the workspace’s metadata documents (connections, streams, drift, mappings) in the knowledge base',
  }),
  'repair.propose': z.object({ drift_id: z.uuid() }).meta({
    id: 'RepairProposePayload',
    description:
      'Proposes repairs for one drift record and, outside Safe Mode, applies those at or above the threshold (a sync queues it)',
  }),
  'onboarding.run': z.object({ connection_id: z.uuid() }).meta({
    id: 'OnboardingPayload',
    description:
      'Syncs a connection, suggests mappings for its streams and, outside Safe Mode, accepts the sure ones (POST /v1/onboarding queues it)',
  }),
} as const satisfies Record<JobKind, z.ZodType>
/** Whether a stored kind still has a handler (a kind can be retired while old rows remain). */
export const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(JOB_PAYLOADS, kind)

export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>

/** The only thing a queue message carries. */
export const JobMessage = z.object({ tenant_id: z.uuid(), job_id: z.uuid() })
export type JobMessage = z.infer<typeof JobMessage>
