// A stream's newly read schema, acted on: what `evolveSchema` decides is recorded (the drift event,
// announced once), and the stream adopts the schema, pauses, keeps its frozen one, or is held for
// review. The same for every source kind, so drift is handled alike for files, databases and APIs.
import { insertDriftEvent, latestDrift, type StreamRow, updateStream } from '../../adapters/db/aam-repo.ts'
import { withTenant } from '../../adapters/db/client.ts'
import type { DriftRow } from '../../adapters/db/drift-review-repo.ts'
import { publishEvent } from '../../adapters/events.ts'
import type { DriftPolicy } from '../../core/aam/connections.ts'
import { summarizeChanges } from '../../core/aam/drift-policy.ts'
import { evolveSchema, type SchemaEvolution } from '../../core/aam/evolve-schema.ts'
import type { DriftChange, SnapshotField } from '../../core/aam/schema-snapshot.ts'
import { storableCopy } from '../../core/aam/storable.ts'
import { cloudEvent } from '../../core/events/cloud-event.ts'
import type { Services } from '../container.ts'
import { announceDriftReview, announceStreamPaused } from './sync-events.ts'

export interface SchemaOutcome {
  changes: DriftChange[]
  /** The stream is paused: this sync stores nothing of it. */
  paused: boolean
  /** Set under a frozen or rejected schema: why each record of this sync is quarantined. */
  quarantineReason: string | null
  /** Set when breaking drift awaits review: the drift record this sync's records are held for. */
  holdFor: string | null
  /** A drift record this sync created (not one seen before): its repairs are proposed once the sync ends. */
  newDriftId: string | null
}

type Input = {
  connection: { id: string; driftPolicy: DriftPolicy }
  stream: StreamRow
  schema: SnapshotField[]
  /** Field profiles to keep with an adopted schema. */
  profile?: Record<string, unknown>
  jobId: string
}

/**
 * A stream held for review stays held: later reads join its held records, in order and whatever their
 * schema, and are decided with them. Null when the stream is not held.
 */
export const stillHeld = (stream: StreamRow): SchemaOutcome | null =>
  stream.heldDriftId
    ? { changes: [], paused: false, quarantineReason: null, holdFor: stream.heldDriftId, newDriftId: null }
    : null

export async function applyStreamSchema(services: Services, tenantId: string, input: Input): Promise<SchemaOutcome> {
  const { stream, schema, profile } = input
  const current = { schema: stream.schema as SnapshotField[] | null, fingerprint: stream.fingerprint }
  const evolution = await evolveSchema(current, schema, input.connection.driftPolicy)
  const recorded = evolution.changes.length > 0 ? await recordDrift(services, tenantId, input, evolution) : null
  const drift = recorded?.row ?? null
  const { decision, fingerprint, pausedReason } = evolution
  let { quarantineReason } = evolution
  let holdFor: string | null = null
  if (decision.records === 'hold' && drift) {
    // The same change a human already rejected is not asked about again: its records are quarantined.
    if (drift.review === 'rejected')
      quarantineReason = `schema change rejected in review: ${summarizeChanges(evolution.changes)}`
    else holdFor = drift.id
  }
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
      ...(holdFor ? { heldDriftId: holdFor } : {}),
    }),
  )
  if (pausedReason) await announceStreamPaused(services.env, tenantId, stream)
  if (holdFor) await announceDriftReview(services.env, tenantId, 'aos.drift.held', stream, { drift_id: holdFor })
  return {
    changes: evolution.changes,
    paused: pausedReason !== null,
    quarantineReason,
    holdFor,
    newDriftId: recorded?.fresh ? recorded.row.id : null,
  }
}

/**
 * Stores and announces the drift, or finds it already stored: a schema kept by `freeze` (or rejected
 * in review) sees the same change on every sync, and a retry sees it again; it is recorded and
 * announced once, not each time. Drift held for review keeps the schema it would adopt.
 */
async function recordDrift(
  services: Services,
  tenantId: string,
  input: Input,
  evolution: SchemaEvolution,
): Promise<{ row: DriftRow; fresh: boolean }> {
  const { connection, stream } = input
  const { decision } = evolution
  const { row, fresh } = await withTenant(services.db, tenantId, async (tx) => {
    const latest = await latestDrift(tx, tenantId, stream.id)
    if (
      latest?.fromFingerprint === stream.fingerprint &&
      latest.toFingerprint === evolution.fingerprint &&
      latest.action === decision.action
    )
      return { row: latest, fresh: false }
    const held = decision.records === 'hold'
    const inserted = await insertDriftEvent(tx, tenantId, {
      connectionId: connection.id,
      streamId: stream.id,
      fromFingerprint: stream.fingerprint as string,
      toFingerprint: evolution.fingerprint,
      changes: storableCopy(evolution.changes) as DriftChange[],
      breaking: evolution.breaking,
      policy: connection.driftPolicy,
      action: decision.action,
      jobId: input.jobId,
      ...(held
        ? {
            review: 'pending' as const,
            proposedSchema: storableCopy(input.schema) as SnapshotField[],
            ...(input.profile ? { proposedProfile: storableCopy(input.profile) as Record<string, unknown> } : {}),
          }
        : {}),
    })
    return { row: inserted, fresh: true }
  })
  if (!fresh) return { row, fresh }
  await publishEvent(
    services.env,
    cloudEvent(
      tenantId,
      'aos.drift.detected',
      {
        drift_id: row.id,
        connection_id: connection.id,
        stream_id: stream.id,
        stream: stream.name,
        breaking: row.breaking,
        policy: row.policy,
        action: row.action,
        summary: summarizeChanges(evolution.changes),
        changes: evolution.changes,
      },
      `streams/${stream.id}`,
    ),
  )
  return { row, fresh }
}
