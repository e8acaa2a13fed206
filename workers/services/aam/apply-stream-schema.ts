// A stream's newly read schema, acted on: what `evolveSchema` decides is recorded (the drift event,
// announced once), and the stream adopts the schema, pauses or keeps its frozen one. The same for every
// source kind, so drift is handled alike for files, databases and APIs.
import { insertDriftEvent, latestDrift, type StreamRow, updateStream } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import { publishEvent } from '../../adapters/events.ts'
import type { DriftPolicy } from '../../core/aam/connections.ts'
import { summarizeChanges } from '../../core/aam/drift-policy.ts'
import { evolveSchema, type SchemaEvolution } from '../../core/aam/evolve-schema.ts'
import type { DriftChange, SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { storableCopy } from '../../core/aam/storable.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Services } from '../container.ts'
import { announceStreamPaused } from './sync-events.ts'

export interface SchemaOutcome {
  changes: DriftChange[]
  /** The stream is paused: this sync stores nothing of it. */
  held: boolean
  /** Set under a frozen schema: why each record of this sync is quarantined. */
  quarantineReason: string | null
}

export async function applyStreamSchema(
  services: Services,
  tenantId: string,
  input: {
    connection: { id: string; driftPolicy: DriftPolicy }
    stream: StreamRow
    schema: SnapshotField[]
    /** Field profiles to keep with an adopted schema. */
    profile?: Record<string, unknown>
    jobId: string
  },
): Promise<SchemaOutcome> {
  const { connection, stream, schema, profile } = input
  const current = { schema: stream.schema as SnapshotField[] | null, fingerprint: stream.fingerprint }
  const evolution = await evolveSchema(current, schema, connection.driftPolicy)
  if (evolution.changes.length > 0) await recordDrift(services, tenantId, input, evolution)
  const { decision, fingerprint, pausedReason } = evolution
  await withTenant(services.db, tenantId, (tx) =>
    updateStream(tx, tenantId, stream.id, {
      // Samples and profile bounds are shown, not data: a NUL in a sampled source row must not fail the sync.
      ...(decision.adoptSchema
        ? {
            schema: storableCopy(schema) as SnapshotField[],
            fingerprint,
            ...(profile ? { profile: storableCopy(profile) as Record<string, unknown> } : {}),
          }
        : {}),
      ...(pausedReason ? { pausedAt: new Date(), pausedReason } : {}),
    }),
  )
  if (pausedReason) await announceStreamPaused(services.env, tenantId, stream)
  return { changes: evolution.changes, held: pausedReason !== null, quarantineReason: evolution.quarantineReason }
}

/**
 * Stores and announces the drift. A schema kept by `freeze` sees the same change on every sync (and on
 * a retry): it is recorded and announced once, not each time.
 */
async function recordDrift(
  services: Services,
  tenantId: string,
  input: { connection: { id: string; driftPolicy: DriftPolicy }; stream: StreamRow; jobId: string },
  evolution: SchemaEvolution,
) {
  const { connection, stream } = input
  const record = await withTenant(services.db, tenantId, async (tx) => {
    const latest = await latestDrift(tx, tenantId, stream.id)
    if (latest?.fromFingerprint === stream.fingerprint && latest.toFingerprint === evolution.fingerprint) return null
    return insertDriftEvent(tx, tenantId, {
      connectionId: connection.id,
      streamId: stream.id,
      fromFingerprint: stream.fingerprint as string,
      toFingerprint: evolution.fingerprint,
      changes: storableCopy(evolution.changes) as DriftChange[],
      breaking: evolution.breaking,
      policy: connection.driftPolicy,
      action: evolution.decision.action,
      jobId: input.jobId,
    })
  })
  if (!record) return
  await publishEvent(
    services.env,
    cloudEvent(
      tenantId,
      'aos.drift.detected',
      {
        drift_id: record.id,
        connection_id: connection.id,
        stream_id: stream.id,
        stream: stream.name,
        breaking: record.breaking,
        policy: record.policy,
        action: record.action,
        summary: summarizeChanges(evolution.changes),
        changes: evolution.changes,
      },
      `streams/${stream.id}`,
    ),
  )
  // Repair (a later stage) subscribes here: breaking drift held for review is its input.
}
