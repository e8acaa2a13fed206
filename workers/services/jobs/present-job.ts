import type { JobRow } from '../../adapters/db/jobs-repo.ts'

const iso = (d: Date | null) => d?.toISOString() ?? null

export const presentJob = (row: JobRow) => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  payload: row.payload,
  attempts: row.attempts,
  max_attempts: row.maxAttempts,
  next_run_at: iso(row.nextRunAt),
  last_error: row.lastError,
  idempotency_key: row.idempotencyKey,
  created_by: row.createdBy,
  created_at: row.createdAt.toISOString(),
  started_at: iso(row.startedAt),
  finished_at: iso(row.finishedAt),
  cancel_requested_at: iso(row.cancelRequestedAt),
  result: row.result ?? null,
  progress: row.progress ?? null,
})
