import { sql } from 'drizzle-orm'
import {
  bigint,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
  vector,
} from 'drizzle-orm/pg-core'
import { tenantIsolation } from './rls.ts'
import { tenantRef } from './tenancy.ts'

/**
 * Length of the stored embeddings. One length per table keeps one HNSW index; a provider whose model gives
 * another length is asked for this one (OpenAI's text-embedding-3 models take a `dimensions` parameter), and
 * `embedding_model` says which model made a vector, so a change of model is a re-embedding, never a mix.
 */
export const KB_EMBEDDING_DIMENSIONS = 512

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/** A tenant's knowledge-base document: one per `key` (the caller's name for it); its text lives in kb_chunks. */
export const kbDocuments = pgTable(
  'kb_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    key: text('key').notNull(),
    sourceKind: text('source_kind').notNull(),
    title: text('title'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** SHA-256 of what was chunked and how: re-ingesting the same content changes nothing. */
    contentHash: text('content_hash').notNull(),
    chunkCount: integer('chunk_count').notNull(),
    embeddingModel: text('embedding_model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('kb_documents_tenant_key').on(t.tenantId, t.key),
    // The target of kb_chunks' (tenant_id, document_id) foreign key.
    unique('kb_documents_tenant_id').on(t.tenantId, t.id),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * The retrievable pieces of a document. `lexemes` holds the chunk's index terms (analysed in core, stored with
 * the `simple` configuration, one position per occurrence): what kb_postings and kb_terms are derived from and
 * taken out of again when the chunk goes; `token_count` is BM25's document length. Migration 0016 sets
 * `lexemes` to STORAGE MAIN (kept in the row, compressed), which drizzle cannot declare.
 */
export const kbChunks = pgTable(
  'kb_chunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    documentId: uuid('document_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    headings: text('headings').array().notNull().default(sql`'{}'::text[]`),
    sourceKind: text('source_kind').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    tokenCount: integer('token_count').notNull(),
    lexemes: tsvector('lexemes').notNull(),
    embedding: vector('embedding', { dimensions: KB_EMBEDDING_DIMENSIONS }).notNull(),
    /** Vectors of different models are not comparable: a query's vector is compared with its own model's only. */
    embeddingModel: text('embedding_model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The chunk's tenant is its document's: a chunk can never be filed under another tenant's document.
    foreignKey({
      name: 'kb_chunks_document_fk',
      columns: [t.tenantId, t.documentId],
      foreignColumns: [kbDocuments.tenantId, kbDocuments.id],
    }).onDelete('cascade'),
    unique('kb_chunks_document_ordinal').on(t.tenantId, t.documentId, t.ordinal),
    index('kb_chunks_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
    tenantIsolation(t.tenantId),
  ],
)

/**
 * BM25's inverted index: one row per term per chunk, with what the chunk's score for the term needs (its
 * frequency there, the chunk's length) and the chunk's document (for filters). Full-text search reads only
 * this primary key: migration 0026 makes it cover `document_id`, `tf` and `len` (INCLUDE, which drizzle
 * cannot declare), so a query's postings come from the index alone, in term order, with no visit to
 * kb_chunks (docs/decisions/035-kb-postings-table.md). Kept by the repository with the chunks.
 */
export const kbPostings = pgTable(
  'kb_postings',
  {
    tenantId: uuid('tenant_id').notNull(),
    term: text('term').notNull(),
    chunkId: uuid('chunk_id').notNull(),
    documentId: uuid('document_id').notNull(),
    tf: smallint('tf').notNull(),
    len: integer('len').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.term, t.chunkId] }), tenantIsolation(t.tenantId)],
)

/** BM25's document frequencies per tenant: in how many chunks each term occurs. Kept by the repository. */
export const kbTerms = pgTable(
  'kb_terms',
  {
    tenantId: tenantRef(),
    term: text('term').notNull(),
    df: integer('df').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.term] }), tenantIsolation(t.tenantId)],
)

/** BM25's collection figures per tenant: how many chunks, and their total length in terms. */
export const kbStats = pgTable(
  'kb_stats',
  {
    tenantId: tenantRef().primaryKey(),
    chunks: bigint('chunks', { mode: 'number' }).notNull(),
    tokens: bigint('tokens', { mode: 'number' }).notNull(),
  },
  (t) => [tenantIsolation(t.tenantId)],
)
