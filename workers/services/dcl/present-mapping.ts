import type { MappingVersionRow } from '../../adapters/db/mapping-registry-repo.ts'
import type {
  MAPPING_PROVENANCES,
  MAPPING_STATUSES,
  MAPPING_TRANSFORMS,
} from '../../contract/vocabulary/mapping-registry.ts'

export const presentMapping = (row: MappingVersionRow) => ({
  id: row.id,
  source_system: row.sourceSystem,
  connection_id: row.connectionId,
  source_stream: row.sourceStream,
  source_path: row.sourcePath,
  version: row.version,
  entity: row.entity,
  field: row.field,
  // The registry's writers validate these against the same lists; the table stores them as text.
  transform: row.transform as (typeof MAPPING_TRANSFORMS)[number],
  confidence: row.confidence,
  status: row.status as (typeof MAPPING_STATUSES)[number],
  provenance: row.provenance as (typeof MAPPING_PROVENANCES)[number],
  note: row.note,
  evidence: row.evidence,
  created_by: row.createdBy,
  created_at: row.createdAt.toISOString(),
})
