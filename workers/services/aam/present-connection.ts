import type { ConnectionRow, SourceFileRow, StreamRow } from '../../adapters/db/aam-repo.ts'
import { knownKind } from '../../core/aam/connectors/registry.ts'
import type { Health } from '../../core/aam/health.ts'
import type { RowCounts } from '../../core/aam/row-counts.ts'

const iso = (d: Date | null) => d?.toISOString() ?? null

/** `health`: from `healthOf` (connection-health.ts), so every response derives it the same way. */
export const presentConnection = (row: ConnectionRow, health: Health) => ({
  id: row.id,
  name: row.name,
  kind: knownKind(row.kind),
  config: row.config,
  drift_policy: row.driftPolicy,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
  last_synced_at: iso(row.lastSyncedAt),
  schedule: row.schedule,
  next_sync_at: iso(row.nextSyncAt),
  draft: row.draft,
  aod_asset_id: row.aodAssetId,
  safe_mode: row.safeMode,
  last_sync_counts: (row.lastSyncCounts as RowCounts | null) ?? null,
  health,
})

export const presentStream = (row: StreamRow) => ({
  id: row.id,
  connection_id: row.connectionId,
  name: row.name,
  fingerprint: row.fingerprint,
  schema: (row.schema as { path: string; type: string; nullable: boolean; samples?: unknown[] }[] | null) ?? null,
  profile: (row.profile as { fields?: Record<string, unknown>[] } | null)?.fields ?? null,
  record_count: row.recordCount,
  paused: row.pausedAt !== null,
  paused_reason: row.pausedReason,
  held_drift_id: row.heldDriftId,
  updated_at: row.updatedAt.toISOString(),
})

export const presentSourceFile = (row: SourceFileRow) => ({
  id: row.id,
  stream: row.streamName,
  format: row.format,
  size_bytes: row.sizeBytes,
  uploaded_at: row.uploadedAt.toISOString(),
  status: row.failedAt ? ('failed' as const) : row.syncedAt ? ('synced' as const) : ('pending' as const),
  synced_at: iso(row.syncedAt),
  failed_at: iso(row.failedAt),
  failure_reason: row.failureReason,
  attempts: row.attempts,
  counts: (row.rowCounts as RowCounts | null) ?? null,
})
