// The "RAG" half of the engine's history: each decision a person makes on a repair is a knowledge-base
// document, and a new repair asks the knowledge base's own hybrid retrieval (similar-documents.ts) for the
// decisions most like it. The pure core then weighs them by similarity.
import { withTenant } from '../../adapters/db/client.ts'
import { decidedRepairs } from '../../adapters/db/repairs-repo.ts'
import type { RepairKind } from '../../contract/vocabulary/repairs.ts'
import type { DriftChange } from '../../core/aam/schema-snapshot.ts'
import { REPAIR_DOCUMENT_FILTER, repairDocument, repairIdOfKey, repairInWords } from '../../core/repair/precedents.ts'
import type { Services } from '../container.ts'
import { ingestKbDocuments } from '../kb/ingest-document.ts'
import { decisionKbDeps, similarDocumentKeys } from '../kb/similar-documents.ts'

/** Decisions retrieved per repair: the similarity floor drops the ones that are not alike. */
const SIMILAR_PER_REPAIR = 5
/** Repairs of one drift record that ask for similar decisions; the rest weigh only identical ones. */
const RETRIEVED_REPAIRS = 50

/** Writes a decided repair's document now, so the next proposal finds it without waiting for the refresh job. */
export async function indexRepairDecision(services: Services, tenantId: string, repairId: string) {
  const [decided] = await withTenant(services.db, tenantId, (tx) => decidedRepairs(tx, tenantId, { ids: [repairId] }))
  if (decided) await ingestKbDocuments(decisionKbDeps(services, tenantId), tenantId, [repairDocument(decided)])
}

/**
 * The ids of past decisions on repairs like these, found by the knowledge base's hybrid retrieval over the
 * tenant's repair documents. Each search runs in its own transactions: call it outside one.
 */
export async function similarRepairIds(
  services: Services,
  tenantId: string,
  repairs: readonly { kind: RepairKind; change: DriftChange }[],
): Promise<string[]> {
  const queries = repairs.slice(0, RETRIEVED_REPAIRS).map((r) => repairInWords(r.kind, r.change))
  const keys = await similarDocumentKeys(
    decisionKbDeps(services, tenantId),
    tenantId,
    queries,
    REPAIR_DOCUMENT_FILTER,
    SIMILAR_PER_REPAIR,
  )
  return keys.flatMap((key) => repairIdOfKey(key) ?? [])
}
