import { deleteObject, kbUploadKey, readObjectText } from '../../adapters/files.ts'
import { htmlToText } from '../../core/nlp/kb/html-text.ts'
import type { Services } from '../container.ts'
import { ingestKbDocument } from './ingest-document.ts'
import type { EmbedProgress } from './kb-deps.ts'
import { StoredKbUpload } from './stored-kb-upload.ts'

/**
 * The kb.ingest job's work: the upload kept by submitKbDocument, converted (HTML to text; a PDF's text was read at upload), chunked, embedded
 * through the tenant's LLM gateway and stored; the kept upload is removed once stored.
 */
export async function ingestUploadedKbDocument(
  services: Services,
  tenantId: string,
  uploadId: string,
  onProgress?: EmbedProgress,
) {
  const objectKey = kbUploadKey(tenantId, uploadId)
  const stored = await readObjectText(services.env, objectKey)
  if (stored === null)
    throw new Error(`knowledge base: upload ${uploadId} is not in object storage (already ingested?)`)
  const upload = StoredKbUpload.parse(JSON.parse(stored))
  const html = upload.format === 'html' ? htmlToText(upload.content) : undefined
  const title = upload.title ?? html?.title
  const llm = services.llm(tenantId, 'kb.embed', { offlineEmbedsRaw: true })
  const ingested = await ingestKbDocument({ db: services.db, llm, ...(onProgress ? { onProgress } : {}) }, tenantId, {
    key: upload.key,
    text: html ? html.text : upload.content,
    sourceKind: upload.format,
    metadata: upload.metadata,
    ...(title ? { title } : {}),
  })
  await deleteObject(services.env, objectKey)
  return { key: ingested.key, document_id: ingested.id, status: ingested.status, chunks: ingested.chunks }
}
