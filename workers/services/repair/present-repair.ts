import type { RepairRow } from '../../adapters/db/repairs-repo.ts'

export const presentRepair = (r: RepairRow) => ({
  id: r.id,
  drift_id: r.driftId,
  change_index: r.changeIndex,
  connection_id: r.connectionId,
  stream_id: r.streamId,
  kind: r.kind,
  summary: r.summary,
  confidence: r.confidence,
  evidence: r.evidence,
  writes: r.writes,
  status: r.status,
  applied_versions: r.appliedVersions,
  decided_by: r.decidedByType ? { type: r.decidedByType, id: r.decidedById } : null,
  decided_at: r.decidedAt?.toISOString() ?? null,
  comment: r.comment,
  created_at: r.createdAt.toISOString(),
})
export type PresentedRepair = ReturnType<typeof presentRepair>
