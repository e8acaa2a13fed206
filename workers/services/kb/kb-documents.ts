import { withTenant } from '../../adapters/db/client.ts'
import { documentById, type KbDocumentRow, listDocuments } from '../../adapters/db/kb-repo.ts'
import type { KbSourceKind } from '../../core/nlp/kb/document.ts'
import type { Services } from '../container.ts'
import { keysetPage, pageStart } from '../keyset-paging.ts'
import { ProblemError } from '../problem-error.ts'
import { deleteKbDocument } from './delete-document.ts'

const presentDocument = (row: KbDocumentRow) => ({
  id: row.id,
  key: row.key,
  title: row.title,
  source_kind: row.sourceKind as KbSourceKind,
  metadata: row.metadata,
  chunks: row.chunkCount,
  embedding_model: row.embeddingModel,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
})

const notFound = () =>
  new ProblemError('not_found', 'No such knowledge-base document. List them with GET /v1/kb/documents.')

/** The tenant's documents, newest first; `next_cursor` continues after the page. */
export async function listKbDocuments(
  services: Services,
  tenantId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const after = pageStart(query.cursor)
  const rows = await withTenant(services.db, tenantId, (tx) =>
    listDocuments(tx, tenantId, { limit: query.limit, ...(after ? { after } : {}) }),
  )
  return keysetPage(rows, query.limit, presentDocument)
}

export async function getKbDocument(services: Services, tenantId: string, id: string) {
  const row = await withTenant(services.db, tenantId, (tx) => documentById(tx, tenantId, id))
  if (!row) throw notFound()
  return presentDocument(row)
}

/** Deletes the document and its chunks: from then on no search returns them. */
export async function removeKbDocument(services: Services, tenantId: string, id: string) {
  if (!(await deleteKbDocument(services, tenantId, { id }))) throw notFound()
}
