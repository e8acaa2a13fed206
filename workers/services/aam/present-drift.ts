import type { DriftRow } from '../../adapters/db/drift-review-repo.ts'

/** A drift record on the wire; `held` is how many records its review holds now. */
export const presentDrift = (r: DriftRow, held: number) => ({
  id: r.id,
  stream_id: r.streamId,
  from_fingerprint: r.fromFingerprint,
  to_fingerprint: r.toFingerprint,
  changes: r.changes as Record<string, unknown>[],
  breaking: r.breaking,
  policy: r.policy,
  action: r.action,
  job_id: r.jobId,
  detected_at: r.detectedAt.toISOString(),
  review: r.review
    ? {
        status: r.review,
        held_records: held,
        decided_by: r.decidedByType
          ? { type: r.decidedByType as 'user' | 'api_key' | 'system', id: r.decidedById }
          : null,
        decided_at: r.decidedAt?.toISOString() ?? null,
        comment: r.decisionComment,
      }
    : null,
})
