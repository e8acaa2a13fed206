// Airbyte sync monitoring: each watched Airbyte connection is a stream whose records are its finished
// sync jobs (outcome, volume, failure), read after the last job id seen. Failed runs and schema-change
// flags become alerts.
import type { SnapshotField } from '../../schema-snapshot.ts'
import type { SourceAlert, SourceRow } from '../cursor-source.ts'

export const RUN_SCHEMA: SnapshotField[] = [
  { path: 'job_id', type: 'integer', nullable: false },
  { path: 'connection_name', type: 'string', nullable: false },
  { path: 'status', type: 'string', nullable: false },
  { path: 'job_type', type: 'string', nullable: false },
  { path: 'started_at', type: 'timestamp', nullable: false },
  { path: 'finished_at', type: 'timestamp', nullable: true },
  { path: 'duration_seconds', type: 'integer', nullable: true },
  { path: 'rows_synced', type: 'integer', nullable: false },
  { path: 'bytes_synced', type: 'integer', nullable: false },
  { path: 'failure_type', type: 'string', nullable: true },
  { path: 'failure_message', type: 'string', nullable: true },
]

/** A job in these states will not change again; running and pending ones are read once they finish. */
export const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'incomplete'])

export type SchemaChange = 'no_change' | 'non_breaking' | 'breaking'
export type AirbyteCursor = { job_id: number; schema_change: SchemaChange }

export function resumeCursor(stored: unknown): AirbyteCursor {
  const c = stored as Partial<AirbyteCursor> | null
  return {
    job_id: typeof c?.job_id === 'number' ? c.job_id : -1,
    schema_change: c?.schema_change ?? 'no_change',
  }
}

/** ISO 8601 durations as Airbyte writes them (`PT2M10S`, `P1DT3H`) in seconds; null when absent or odd. */
export function durationSeconds(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value)
  if (!m || value === 'P' || value.endsWith('T')) return null
  const [, d = '0', h = '0', min = '0', s = '0'] = m
  return Math.round(Number(d) * 86_400 + Number(h) * 3600 + Number(min) * 60 + Number(s))
}

/** Airbyte's times (Java's format drops zero seconds: `2026-11-25T07:12Z`) as ISO UTC. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

export type PublicJob = {
  jobId: number
  status: string
  jobType: string
  startTime: string
  lastUpdatedAt?: string
  duration?: string
  rowsSynced?: number
  bytesSynced?: number
}

export function runRecord(
  job: PublicJob,
  connectionName: string,
  failure: { type: string; message: string } | null,
): SourceRow {
  return {
    job_id: job.jobId,
    connection_name: connectionName,
    status: job.status,
    job_type: job.jobType,
    started_at: isoTime(job.startTime),
    finished_at: isoTime(job.lastUpdatedAt),
    duration_seconds: durationSeconds(job.duration),
    rows_synced: job.rowsSynced ?? 0,
    bytes_synced: job.bytesSynced ?? 0,
    failure_type: failure?.type ?? null,
    failure_message: failure?.message ?? null,
  }
}

/** What a user must hear about from one read of an Airbyte connection: new failed runs, a new schema-change flag. */
export function runAlerts(
  connectionId: string,
  connectionName: string,
  runs: readonly SourceRow[],
  before: SchemaChange,
  now: SchemaChange,
): SourceAlert[] {
  const alerts: SourceAlert[] = runs
    .filter((r) => r.status === 'failed')
    .map((r) => ({
      key: `airbyte:${connectionId}:job:${r.job_id}`,
      severity: 'critical',
      title: `Airbyte sync failed: ${connectionName} (job ${r.job_id})`,
      detail: `${r.failure_type ?? 'failure'}: ${r.failure_message ?? 'Airbyte gave no reason'}`,
    }))
  if (now !== before && now !== 'no_change')
    alerts.push({
      key: `airbyte:${connectionId}:schema:${now}:${runs.at(-1)?.job_id ?? 'none'}`,
      severity: now === 'breaking' ? 'critical' : 'warning',
      title: `Airbyte detected a ${now === 'breaking' ? 'breaking' : 'non-breaking'} schema change: ${connectionName}`,
      detail:
        now === 'breaking'
          ? 'Airbyte disabled the connection until the change is reviewed in its UI.'
          : 'Review the source schema in Airbyte; syncs continue under its non-breaking change setting.',
    })
  return alerts
}
