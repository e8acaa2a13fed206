// A knowledge-base document as ingestion receives it, and what is stored of it: chunks with their index terms
// (for BM25) and the text each is embedded from. The title and the chunk's headings are part of both, so a
// chunk deep in a report still matches the report's name and section.
import { z } from 'zod'
import { analyze } from './analyze.ts'
import { type Chunk, type ChunkOptions, chunkText } from './chunk.ts'

export const KB_SOURCE_KINDS = ['text', 'markdown', 'html', 'pdf', 'metadata'] as const
export type KbSourceKind = (typeof KB_SOURCE_KINDS)[number]

const MetadataValue = z.union([z.string().max(1000), z.number(), z.boolean()])

export const KbMetadataSchema = z.record(z.string().min(1).max(100), MetadataValue)

export const KbDocumentInputSchema = z
  .object({
    /** The caller's name for the document; ingesting the same key again replaces it. */
    key: z.string().min(1).max(512),
    title: z.string().max(1000).optional(),
    /** Plain text or Markdown (HTML and PDF are converted to text before they get here). */
    text: z.string().max(10_000_000),
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

export function prepareChunks(doc: KbDocumentInput, options: ChunkOptions = {}): PreparedChunk[] {
  // HTML arrives converted to Markdown-flavoured text (html-text.ts), and metadata documents are written in
  // Markdown (metadata-documents.ts): both keep their headings.
  const format = doc.sourceKind === 'text' || doc.sourceKind === 'pdf' ? 'text' : 'markdown'
  return chunkText(doc.text, format, options).map((chunk) => {
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
