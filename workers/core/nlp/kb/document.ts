// A knowledge-base document as ingestion receives it, and what is stored of it: chunks with their index terms
// (for BM25) and the text each is embedded from. The title and the chunk's headings are part of both, so a
// chunk deep in a report still matches the report's name and section.
import { z } from 'zod'
import { analyze } from './analyze.ts'
import { type Chunk, type ChunkOptions, chunkText } from './chunk.ts'

export const KB_SOURCE_KINDS = ['text', 'markdown', 'html', 'pdf', 'metadata'] as const
export type KbSourceKind = (typeof KB_SOURCE_KINDS)[number]

/** The longest text a document may have (a PDF's text may be longer than a JSON upload's 1 MiB). */
export const KB_MAX_TEXT_CHARS = 10_000_000

const MetadataValue = z.union([z.string().max(1000), z.number(), z.boolean()])

export const KbMetadataSchema = z.record(z.string().min(1).max(100), MetadataValue)
export type KbMetadata = z.output<typeof KbMetadataSchema>

export const KbDocumentInputSchema = z
  .object({
    /** The caller's name for the document; ingesting the same key again replaces it. */
    key: z.string().min(1).max(512),
    title: z.string().max(1000).optional(),
    /** Plain text or Markdown (HTML and PDF are converted to text before they get here). */
    text: z.string().max(KB_MAX_TEXT_CHARS),
    sourceKind: z.enum(KB_SOURCE_KINDS).default('text'),
    metadata: KbMetadataSchema.default({}),
  })
  .meta({ id: 'KbDocumentInput' })
export type KbDocumentInput = z.output<typeof KbDocumentInputSchema>

export interface PreparedChunk extends Chunk {
  terms: string[]
  /** What is embedded: title, headings and text. */
  embedText: string
}

const indexText = (title: string | undefined, chunk: Chunk) =>
  [title, ...chunk.headings, chunk.text].filter((s): s is string => Boolean(s)).join('\n')

/** Between a PDF's pages in its text: a form feed, the page break plain-text tools such as pdftotext use too. */
export const PDF_PAGE_BREAK = '\f'

/** A PDF's pages (pdf-text.ts) chunked one by one, offsets kept in the whole text: each chunk names its page. */
function chunkPages(text: string, options: ChunkOptions): Chunk[] {
  const chunks: Chunk[] = []
  let offset = 0
  text.split(PDF_PAGE_BREAK).forEach((page, i) => {
    for (const chunk of chunkText(page, 'text', options))
      chunks.push({
        ...chunk,
        ordinal: chunks.length,
        start: chunk.start + offset,
        end: chunk.end + offset,
        headings: [`Page ${i + 1}`],
      })
    offset += page.length + PDF_PAGE_BREAK.length
  })
  return chunks
}

export function prepareChunks(doc: KbDocumentInput, options: ChunkOptions = {}): PreparedChunk[] {
  // HTML arrives converted to Markdown-flavoured text (html-text.ts), and metadata documents are written in
  // Markdown (metadata-documents.ts): both keep their headings.
  const chunks =
    doc.sourceKind === 'pdf'
      ? chunkPages(doc.text, options)
      : chunkText(doc.text, doc.sourceKind === 'text' ? 'text' : 'markdown', options)
  return chunks.map((chunk) => {
    const text = indexText(doc.title, chunk)
    return { ...chunk, terms: analyze(text), embedText: text }
  })
}

/** SHA-256 (hex) of everything a document's stored form depends on: re-ingesting the same yields the same hash. */
export async function contentHash(doc: KbDocumentInput, options: ChunkOptions = {}): Promise<string> {
  const canonical = JSON.stringify([
    doc.title ?? null,
    doc.sourceKind,
    Object.entries(doc.metadata).sort(([a], [b]) => (a < b ? -1 : 1)),
    options.targetTokens ?? null,
    options.overlapTokens ?? null,
    doc.text,
  ])
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export const KB_SEARCH_MODES = ['hybrid', 'fulltext', 'vector'] as const
export type KbSearchMode = (typeof KB_SEARCH_MODES)[number]

export const KbSearchRequestSchema = z
  .object({
    query: z.string().trim().min(1).max(4000),
    limit: z.int().min(1).max(100).default(10),
    /** `hybrid` fuses both; the others are for comparison and debugging. */
    mode: z.enum(KB_SEARCH_MODES).default('hybrid'),
    filter: z
      .object({
        documentKeys: z.array(z.string().min(1).max(512)).max(100).optional(),
        sourceKinds: z.array(z.enum(KB_SOURCE_KINDS)).max(KB_SOURCE_KINDS.length).optional(),
        metadata: KbMetadataSchema.optional(),
      })
      .optional(),
  })
  .meta({ id: 'KbSearchRequest' })
export type KbSearchRequest = z.output<typeof KbSearchRequestSchema>
