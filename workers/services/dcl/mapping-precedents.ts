// The tenant's mapping decisions as retrievable precedents: each one a person makes is a knowledge-base
// document, and a stream's fields ask the knowledge base's hybrid retrieval (similar-documents.ts) for the
// decisions made on fields most like them. The registry stays the truth: the documents only find the ids.
import { withTenant } from '../../adapters/db/client.ts'
import { decidedMappings, type MappingVersionRow } from '../../adapters/db/mapping-registry-repo.ts'
import {
  MAPPING_DOCUMENT_FILTER,
  mappingDocument,
  mappingIdOfKey,
  mappingInWords,
} from '../../core/dcl/mapping/precedents.ts'
import type { Services } from '../container.ts'
import { ingestKbDocuments } from '../kb/ingest-document.ts'
import { decisionKbDeps, similarDocumentKeys } from '../kb/similar-documents.ts'

/** Decisions retrieved per source field: the similarity floor drops the ones that are not alike. */
const SIMILAR_PER_FIELD = 5
/** Source fields of one stream that ask for similar decisions. */
const RETRIEVED_FIELDS = 100

/** A person's decision is a precedent at once, not after the metadata refresh (which writes it again). */
export async function indexMappingDecision(services: Services, tenantId: string, row: MappingVersionRow) {
  if (row.provenance !== 'manual' || (row.status !== 'accepted' && row.status !== 'rejected')) return
  try {
    const [decided] = await withTenant(services.db, tenantId, (tx) => decidedMappings(tx, tenantId, { ids: [row.id] }))
    if (decided) await ingestKbDocuments(decisionKbDeps(services, tenantId), tenantId, [mappingDocument(decided)])
  } catch (error) {
    // The decision stands; the metadata refresh writes the document again.
    services.log('warn', 'mapping.index_failed', { mapping_id: row.id, error: String(error) })
  }
}

/**
 * The tenant's decided mappings on fields like these, found by hybrid retrieval over its mapping documents
 * and read from the registry (still decided, with who and where). Runs its own transactions: call it outside one.
 */
export async function similarMappingDecisions(services: Services, tenantId: string, sourcePaths: readonly string[]) {
  const keys = await similarDocumentKeys(
    decisionKbDeps(services, tenantId),
    tenantId,
    sourcePaths.slice(0, RETRIEVED_FIELDS).map((path) => mappingInWords(path)),
    MAPPING_DOCUMENT_FILTER,
    SIMILAR_PER_FIELD,
  )
  const ids = keys.flatMap((key) => mappingIdOfKey(key) ?? [])
  return withTenant(services.db, tenantId, (tx) => decidedMappings(tx, tenantId, { ids }))
}
