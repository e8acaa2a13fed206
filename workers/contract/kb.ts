import { z } from '@hono/zod-openapi'
import { KB_SEARCH_MODES, KB_SOURCE_KINDS, KbMetadataSchema } from '../core/nlp/kb/document.ts'
import { Job } from './jobs.ts'

// The wire shapes of /v1/kb: the tenant's knowledge base (documents in, ranked passages out).

export const KB_UPLOAD_FORMATS = ['text', 'markdown', 'html'] as const

export const KbDocumentUpload = z
  .object({
    key: z.string().min(1).max(512).openapi({
      description: 'Your name for the document (a path, a URL, an id). Uploading the same key again replaces it.',
      example: 'handbook/refunds.md',
    }),
    title: z.string().max(1000).optional().openapi({ description: 'Defaults to an HTML page’s <title>' }),
    format: z.enum(KB_UPLOAD_FORMATS).default('text'),
    content: z
      .string()
      .min(1)
      .max(1_000_000)
      .openapi({ description: 'The document itself (the whole request is limited to 1 MiB)' }),
    metadata: KbMetadataSchema.default({}).openapi({
      description: 'Flat key → string, number or boolean; search filters on it',
      example: { team: 'support' },
    }),
  })
  .openapi('KbDocumentUpload')

/** PDFs over this are refused before they are read. */
export const MAX_KB_FILE_BYTES = 10 * 1024 * 1024

export const KbFileUpload = z
  .object({
    file: z.instanceof(File).openapi({
      type: 'string',
      format: 'binary',
      description: 'The PDF (up to 10 MiB); its text is read page by page, so a scan without a text layer is refused',
    }),
    key: z.string().min(1).max(512).optional().openapi({ description: 'Defaults to the file’s name' }),
    title: z.string().max(1000).optional().openapi({ description: 'Defaults to the PDF’s own title, if it has one' }),
    metadata: z
      .string()
      .max(100_000)
      .optional()
      .openapi({ description: 'A JSON object, as for a JSON upload', example: '{"team":"finance"}' }),
  })
  .openapi('KbFileUpload')

export const KbUploadAccepted = z
  .object({
    key: z.string(),
    job: Job.openapi({ description: 'The kb.ingest job: chunking and embedding run there; poll it or watch events' }),
  })
  .openapi('KbUploadAccepted')

export const KbDocument = z
  .object({
    id: z.uuid(),
    key: z.string(),
    title: z.string().nullable(),
    source_kind: z.enum(KB_SOURCE_KINDS),
    metadata: z.record(z.string(), z.unknown()),
    chunks: z.number().int(),
    embedding_model: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('KbDocument')

export const KbDocumentList = z
  .object({ data: z.array(KbDocument), next_cursor: z.string().nullable() })
  .openapi('KbDocumentList')

export const ListKbDocumentsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})

/** Which chunks a search may return; every given condition must hold. */
export const KbSearchFilter = z
  .object({
    document_keys: z.array(z.string().min(1).max(512)).max(100).optional(),
    source_kinds: z.array(z.enum(KB_SOURCE_KINDS)).max(KB_SOURCE_KINDS.length).optional(),
    metadata: KbMetadataSchema.optional().openapi({ description: 'Every given key must hold exactly this value' }),
  })
  .openapi('KbSearchFilter')

export const KbSearchBody = z
  .object({
    query: z.string().trim().min(1).max(4000),
    limit: z.int().min(1).max(100).default(10),
    mode: z
      .enum(KB_SEARCH_MODES)
      .default('hybrid')
      .openapi({ description: '`hybrid` fuses full-text (BM25) and vector retrieval; the others are for comparison' }),
    filter: KbSearchFilter.optional(),
  })
  .openapi('KbSearchRequest')

const RetrieverHit = z.object({ rank: z.number().int(), score: z.number() })

export const KbSearchHit = z
  .object({
    chunk_id: z.uuid(),
    document_id: z.uuid(),
    document_key: z.string(),
    title: z.string().nullable(),
    source_kind: z.enum(KB_SOURCE_KINDS),
    metadata: z.record(z.string(), z.unknown()),
    text: z.string(),
    headings: z.array(z.string()).openapi({ description: 'The section path the passage sits under' }),
    start: z.number().int().openapi({ description: 'Offset of the passage in the stored text' }),
    end: z.number().int(),
    score: z.number(),
    retrievers: z
      .object({ fulltext: RetrieverHit.optional(), vector: RetrieverHit.optional() })
      .openapi({ description: 'Which retrievers found the passage, with its rank and score in each' }),
  })
  .openapi('KbSearchHit')

export const KbSearchResult = z.object({ data: z.array(KbSearchHit) }).openapi('KbSearchResult')
