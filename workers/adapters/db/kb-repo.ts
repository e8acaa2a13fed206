// The tenant knowledge base in Postgres: documents, their chunks (embeddings in an HNSW-indexed pgvector
// column), BM25's inverted index (kb_postings) and the per-tenant statistics BM25 needs, all kept in the same
// transaction as the chunks they describe. Every statement names the tenant, and RLS checks it again.
import { and, eq, type SQL, sql } from 'drizzle-orm'
import { kbDocuments } from '../../../db/schema/kb.ts'
import type { LexicalPlan, WeightedTerm } from '../../core/nlp/kb/bm25.ts'
import type { Tx } from './client.ts'
import { afterCursor, newestFirst } from './keyset-page.ts'

export interface KbChunkWrite {
  ordinal: number
  text: string
  start: number
  end: number
  headings: string[]
  /** The chunk's index terms in order (core/nlp/kb/analyze.ts); their count is BM25's chunk length. */
  terms: string[]
  embedding: number[]
}

export interface KbDocumentWrite {
  key: string
  sourceKind: string
  title: string | null
  metadata: Record<string, unknown>
  contentHash: string
  embeddingModel: string
  chunks: KbChunkWrite[]
}

export type KbWriteStatus = 'created' | 'replaced' | 'unchanged'

/** Narrows candidates; every given condition must hold. */
export interface KbFilter {
  documentKeys?: string[]
  sourceKinds?: string[]
  /** JSON containment: each key must have this value in the document's metadata. */
  metadata?: Record<string, string | number | boolean>
}

export interface KbCandidate {
  chunkId: string
  documentId: string
  documentKey: string
  score: number
}

/** tsvector's largest position; later occurrences share it (they still count as occurrences). */
const MAX_POSITION = 16383

/** The terms as a tsvector literal, one position per occurrence, so a lexeme's position count is its frequency. */
export function lexemesLiteral(terms: readonly string[]): string {
  const positions = new Map<string, number[]>()
  terms.forEach((term, i) => {
    const list = positions.get(term)
    if (list) list.push(Math.min(i + 1, MAX_POSITION))
    else positions.set(term, [Math.min(i + 1, MAX_POSITION)])
  })
  return [...positions]
    .map(([term, p]) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}':${p.join(',')}`)
    .join(' ')
}

const vectorLiteral = (v: readonly number[]) => `[${v.join(',')}]`

/** The tenant's documents the filter admits (conditions on `kb_documents d`); null when it admits them all. */
function admittedDocuments(tenantId: string, filter: KbFilter | undefined) {
  const parts = []
  if (filter?.sourceKinds?.length) parts.push(sql`d.source_kind = any(${sql.param(filter.sourceKinds)}::text[])`)
  if (filter?.metadata && Object.keys(filter.metadata).length > 0)
    parts.push(sql`d.metadata @> ${JSON.stringify(filter.metadata)}::jsonb`)
  if (filter?.documentKeys?.length) parts.push(sql`d.key = any(${sql.param(filter.documentKeys)}::text[])`)
  if (parts.length === 0) return null
  return sql`array(select d.id from kb_documents d where d.tenant_id = ${tenantId} and ${sql.join(parts, sql` and `)})`
}

/**
 * Adds (sign 1) or removes (sign -1) documents' chunks from the tenant's BM25 index: their postings, the
 * terms' document frequencies and the collection's totals. Removal must run before the chunks are deleted
 * (it reads their lexemes).
 */
async function indexChunks(tx: Tx, tenantId: string, documentIds: readonly string[], sign: 1 | -1) {
  if (documentIds.length === 0) return
  const ids = sql.param([...documentIds])
  if (sign === 1)
    await tx.execute(sql`
      insert into kb_postings (tenant_id, term, chunk_id, document_id, tf, len)
      select c.tenant_id, u.lexeme, c.id, c.document_id, array_length(u.positions, 1), c.token_count
      from kb_chunks c cross join lateral unnest(c.lexemes) u
      where c.tenant_id = ${tenantId} and c.document_id = any(${ids}::uuid[])`)
  else
    await tx.execute(sql`
      delete from kb_postings p using kb_chunks c cross join lateral unnest(c.lexemes) u
      where c.tenant_id = ${tenantId} and c.document_id = any(${ids}::uuid[])
        and p.tenant_id = ${tenantId} and p.term = u.lexeme and p.chunk_id = c.id`)
  // Terms in a fixed order, so concurrent ingests lock kb_terms rows in the same order and cannot deadlock.
  const counted = await tx.execute<{ term: string; df: number }>(sql`
    insert into kb_terms (tenant_id, term, df)
    select ${tenantId}::uuid, u.lexeme, ${sign} * count(*)::int
    from kb_chunks c cross join lateral unnest(c.lexemes) u
    where c.tenant_id = ${tenantId} and c.document_id = any(${ids}::uuid[])
    group by u.lexeme order by u.lexeme
    on conflict (tenant_id, term) do update set df = kb_terms.df + excluded.df
    returning term, df`)
  const gone = counted.rows.filter((r) => Number(r.df) <= 0).map((r) => r.term)
  if (gone.length > 0)
    await tx.execute(sql`delete from kb_terms where tenant_id = ${tenantId} and term = any(${sql.param(gone)}::text[])`)
  await tx.execute(sql`
    insert into kb_stats (tenant_id, chunks, tokens)
    select ${tenantId}::uuid, ${sign} * count(*), ${sign} * coalesce(sum(token_count), 0)
    from kb_chunks where tenant_id = ${tenantId} and document_id = any(${ids}::uuid[])
    on conflict (tenant_id) do update
      set chunks = kb_stats.chunks + excluded.chunks, tokens = kb_stats.tokens + excluded.tokens`)
}

async function insertChunks(tx: Tx, tenantId: string, docs: readonly (KbDocumentWrite & { id: string })[]) {
  const rows = docs.flatMap((doc) =>
    doc.chunks.map((c) => ({
      document_id: doc.id,
      ordinal: c.ordinal,
      text: c.text,
      start_offset: c.start,
      end_offset: c.end,
      headings: c.headings,
      source_kind: doc.sourceKind,
      metadata: doc.metadata,
      token_count: c.terms.length,
      lexemes: lexemesLiteral(c.terms),
      embedding: vectorLiteral(c.embedding),
      embedding_model: doc.embeddingModel,
    })),
  )
  // Bounded statements: a long document must not become one enormous parameter.
  for (let i = 0; i < rows.length; i += 500) {
    await tx.execute(sql`
      insert into kb_chunks (tenant_id, document_id, ordinal, text, start_offset, end_offset, headings, source_kind,
                             metadata, token_count, lexemes, embedding, embedding_model)
      select ${tenantId}::uuid, r.document_id, r.ordinal, r.text, r.start_offset, r.end_offset,
             array(select jsonb_array_elements_text(r.headings)), r.source_kind, r.metadata, r.token_count,
             r.lexemes::tsvector, r.embedding::vector, r.embedding_model
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 500))}::jsonb)
        as r(document_id uuid, ordinal int, text text, start_offset int, end_offset int, headings jsonb,
             source_kind text, metadata jsonb, token_count int, lexemes text, embedding text, embedding_model text)`)
  }
}

/**
 * Stores documents under their keys, in a fixed number of statements however many there are: a new key is
 * created; a known key with other content (or another embedding model) has its chunks replaced, never added
 * to; the same content hash and model is left unchanged. Keys must be distinct.
 */
export async function putDocuments(
  tx: Tx,
  tenantId: string,
  docs: readonly KbDocumentWrite[],
): Promise<{ key: string; id: string; status: KbWriteStatus }[]> {
  if (docs.length === 0) return []
  const existing = await tx.execute<{ id: string; key: string; content_hash: string; embedding_model: string }>(sql`
    select id, key, content_hash, embedding_model from kb_documents
    where tenant_id = ${tenantId} and key = any(${sql.param(docs.map((d) => d.key))}::text[])
    order by key for update`)
  const stored = new Map(existing.rows.map((r) => [r.key, r]))
  const results = new Map<string, { key: string; id: string; status: KbWriteStatus }>()
  const replaced: (KbDocumentWrite & { id: string })[] = []
  const created: KbDocumentWrite[] = []
  for (const doc of docs) {
    const row = stored.get(doc.key)
    if (row && row.content_hash === doc.contentHash && row.embedding_model === doc.embeddingModel)
      results.set(doc.key, { key: doc.key, id: row.id, status: 'unchanged' })
    else if (row) replaced.push({ ...doc, id: row.id })
    else created.push(doc)
  }
  const header = (d: KbDocumentWrite) => ({
    key: d.key,
    source_kind: d.sourceKind,
    title: d.title,
    metadata: d.metadata,
    content_hash: d.contentHash,
    chunk_count: d.chunks.length,
    embedding_model: d.embeddingModel,
  })
  if (replaced.length > 0) {
    const ids = replaced.map((d) => d.id)
    await indexChunks(tx, tenantId, ids, -1)
    await tx.execute(
      sql`delete from kb_chunks where tenant_id = ${tenantId} and document_id = any(${sql.param(ids)}::uuid[])`,
    )
    await tx.execute(sql`
      update kb_documents d set source_kind = r.source_kind, title = r.title, metadata = r.metadata,
        content_hash = r.content_hash, chunk_count = r.chunk_count, embedding_model = r.embedding_model, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(replaced.map(header))}::jsonb)
        as r(key text, source_kind text, title text, metadata jsonb, content_hash text, chunk_count int, embedding_model text)
      where d.tenant_id = ${tenantId} and d.key = r.key`)
    for (const d of replaced) results.set(d.key, { key: d.key, id: d.id, status: 'replaced' })
  }
  const inserted: (KbDocumentWrite & { id: string })[] = []
  if (created.length > 0) {
    const rows = await tx.execute<{ id: string; key: string }>(sql`
      insert into kb_documents (tenant_id, key, source_kind, title, metadata, content_hash, chunk_count, embedding_model)
      select ${tenantId}::uuid, r.key, r.source_kind, r.title, r.metadata, r.content_hash, r.chunk_count, r.embedding_model
      from jsonb_to_recordset(${JSON.stringify(created.map(header))}::jsonb)
        as r(key text, source_kind text, title text, metadata jsonb, content_hash text, chunk_count int, embedding_model text)
      returning id, key`)
    const idOf = new Map(rows.rows.map((r) => [r.key, r.id]))
    for (const d of created) {
      const id = idOf.get(d.key) as string
      inserted.push({ ...d, id })
      results.set(d.key, { key: d.key, id, status: 'created' })
    }
  }
  const written = [...replaced, ...inserted]
  await insertChunks(tx, tenantId, written)
  await indexChunks(
    tx,
    tenantId,
    written.filter((d) => d.chunks.length > 0).map((d) => d.id),
    1,
  )
  return docs.map((d) => results.get(d.key) as { key: string; id: string; status: KbWriteStatus })
}

/** The stored documents among `keys`: key → id, content hash and chunk count. */
export async function findDocuments(tx: Tx, tenantId: string, keys: readonly string[]) {
  const result = await tx.execute<{ id: string; key: string; content_hash: string; chunk_count: number }>(sql`
    select id, key, content_hash, chunk_count from kb_documents
    where tenant_id = ${tenantId} and key = any(${sql.param([...keys])}::text[])`)
  return new Map(
    result.rows.map((r) => [r.key, { id: r.id, contentHash: r.content_hash, chunks: Number(r.chunk_count) }]),
  )
}

/** Removes a document and its chunks; false when the tenant has no such document. */
export async function deleteDocument(
  tx: Tx,
  tenantId: string,
  which: { key: string } | { id: string },
): Promise<boolean> {
  const match = 'key' in which ? sql`key = ${which.key}` : sql`id = ${which.id}`
  const found = await tx.execute<{ id: string }>(sql`
    select id from kb_documents where tenant_id = ${tenantId} and ${match} for update`)
  const id = found.rows[0]?.id
  if (!id) return false
  await indexChunks(tx, tenantId, [id], -1)
  await tx.execute(sql`delete from kb_documents where tenant_id = ${tenantId} and id = ${id}`)
  return true
}

/**
 * What BM25 needs for a query, in one round trip: the tenant's chunk count and total length (zeros when it
 * has none) and the document frequency of each term it has (terms in no chunk are left out).
 */
export async function lexicalStats(tx: Tx, tenantId: string, terms: readonly string[]) {
  const result = await tx.execute<{ term: string | null; n: string; tokens: string }>(sql`
    select null::text as term, chunks as n, tokens from kb_stats where tenant_id = ${tenantId}
    union all
    select term, df::bigint, 0 from kb_terms where tenant_id = ${tenantId} and term = any(${sql.param([...new Set(terms)])}::text[])`)
  const stats = { chunks: 0, tokens: 0 }
  const df = new Map<string, number>()
  for (const r of result.rows)
    if (r.term === null) {
      stats.chunks = Number(r.n)
      stats.tokens = Number(r.tokens)
    } else df.set(r.term, Number(r.n))
  return { stats, df }
}

/** Which chunks a BM25 pass scores in full (see fullTextCandidates). */
export type Bm25Keep = { top: number } | { atLeast: number; restBound: number }

/**
 * One BM25 pass for the plan (core/nlp/kb/bm25.ts), computed here from postings: the chunks holding one of
 * the `read` terms, their score on those summed from the terms' postings; then, for the chunks `keep` names
 * (the `top` by that partial score, or those whose partial score plus `restBound`, the most the other terms
 * can add, reaches `atLeast`), the other terms' postings looked up by key and added. Returns the best
 * `limit` of those by full score.
 *
 * Each read term is one range of kb_postings' covering primary key (usable under RLS, no visit to
 * kb_chunks), already in chunk order; the ranges are merged in that order and summed chunk by chunk as they
 * stream past. Hashing every posting by chunk instead cost three to four times the reading itself
 * (docs/decisions/039-bm25-merged-postings-and-partition-costs.md).
 */
export async function fullTextCandidates(
  tx: Tx,
  tenantId: string,
  plan: LexicalPlan,
  pass: { read: readonly string[]; keep: Bm25Keep },
  limit: number,
  filter?: KbFilter,
): Promise<KbCandidate[]> {
  const { k1, b } = plan.params
  const read = new Set(pass.read)
  // A posting's score for a term of the given weight.
  const score = (weight: SQL) =>
    sql`${weight} * p.tf / (p.tf + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * p.len / ${plan.avgLength}::float8))`
  const admitted = admittedDocuments(tenantId, filter)
  const postingsOf = (t: WeightedTerm) => sql`(
    select p.chunk_id, ${score(sql`${t.weight}::float8`)} as s from kb_postings p
    where p.tenant_id = ${tenantId} and p.term = ${t.term} ${admitted ? sql`and p.document_id = any(${admitted})` : sql``}
    order by p.chunk_id)`
  const readTerms = plan.terms.filter((t) => read.has(t.term))
  const others = plan.terms.filter((t) => !read.has(t.term))
  const keep =
    'top' in pass.keep
      ? sql`order by partial desc, chunk_id limit ${pass.keep.top}`
      : // Less a hair: float sums taken in another order differ in their last bits.
        sql`where partial >= ${pass.keep.atLeast - pass.keep.restBound - 1e-9 * Math.abs(pass.keep.atLeast)}::float8`
  const result = await tx.execute<{ id: string; document_id: string; key: string; score: number }>(sql`
    with partial as (
      select chunk_id, sum(s)::float8 as partial
      from (select * from (${sql.join(readTerms.map(postingsOf), sql` union all `)}) u order by chunk_id) merged
      group by chunk_id),
    kept as (select * from partial ${keep}),
    scored as (
      select k.chunk_id, k.partial + coalesce((
        select sum(${score(sql`q.weight`)})
        from unnest(${sql.param(others.map((t) => t.term))}::text[], ${sql.param(others.map((t) => t.weight))}::float8[]) q(term, weight)
        join kb_postings p on p.tenant_id = ${tenantId} and p.term = q.term and p.chunk_id = k.chunk_id), 0)::float8 as score
      from kept k
      order by score desc, k.chunk_id
      limit ${limit})
    select s.chunk_id as id, c.document_id, d.key, s.score from scored s
    join kb_chunks c on c.tenant_id = ${tenantId} and c.id = s.chunk_id
    join kb_documents d on d.tenant_id = ${tenantId} and d.id = c.document_id
    order by s.score desc, s.chunk_id`)
  return result.rows.map((r) => ({
    chunkId: r.id,
    documentId: r.document_id,
    documentKey: r.key,
    score: Number(r.score),
  }))
}

/**
 * The chunks nearest the vector (cosine; score = 1 − distance) among the tenant's chunks embedded by `model`,
 * through the HNSW index. pgvector's iterative scan keeps reading the index until enough rows pass the
 * tenant and filter conditions; its relaxed order is put right by the outer sort.
 */
export async function vectorCandidates(
  tx: Tx,
  tenantId: string,
  vector: readonly number[],
  model: string,
  limit: number,
  filter?: KbFilter,
): Promise<KbCandidate[]> {
  await tx.execute(sql`select set_config('hnsw.ef_search', ${String(Math.max(40, Math.min(limit, 1000)))}, true),
    set_config('hnsw.iterative_scan', 'relaxed_order', true)`)
  const v = vectorLiteral(vector)
  const admitted = admittedDocuments(tenantId, filter)
  const result = await tx.execute<{ id: string; document_id: string; key: string; score: number }>(sql`
    select n.id, n.document_id, d.key, n.score from (
      select c.id, c.document_id, c.embedding <=> ${v}::vector as distance, (1 - (c.embedding <=> ${v}::vector))::float8 as score
      from kb_chunks c
      where c.tenant_id = ${tenantId} and c.embedding_model = ${model}
        ${admitted ? sql`and c.document_id = any(${admitted})` : sql``}
      order by c.embedding <=> ${v}::vector
      limit ${limit}
    ) n join kb_documents d on d.tenant_id = ${tenantId} and d.id = n.document_id
    order by n.distance, n.id`)
  return result.rows.map((r) => ({
    chunkId: r.id,
    documentId: r.document_id,
    documentKey: r.key,
    score: Number(r.score),
  }))
}

export interface KbChunkDetail {
  chunkId: string
  documentId: string
  documentKey: string
  title: string | null
  sourceKind: string
  metadata: Record<string, unknown>
  ordinal: number
  text: string
  start: number
  end: number
  headings: string[]
}

/** What a hit shows: the chunk and its document, for the given chunk ids (unknown or other tenants' ids are absent). */
export async function chunkDetails(tx: Tx, tenantId: string, chunkIds: readonly string[]): Promise<KbChunkDetail[]> {
  if (chunkIds.length === 0) return []
  const result = await tx.execute<{
    id: string
    document_id: string
    key: string
    title: string | null
    source_kind: string
    metadata: Record<string, unknown>
    ordinal: number
    text: string
    start_offset: number
    end_offset: number
    headings: string[]
  }>(sql`
    select c.id, c.document_id, d.key, d.title, c.source_kind, c.metadata, c.ordinal, c.text, c.start_offset,
           c.end_offset, c.headings
    from kb_chunks c join kb_documents d on d.tenant_id = c.tenant_id and d.id = c.document_id
    where c.tenant_id = ${tenantId} and c.id = any(${sql.param([...chunkIds])}::uuid[])`)
  return result.rows.map((r) => ({
    chunkId: r.id,
    documentId: r.document_id,
    documentKey: r.key,
    title: r.title,
    sourceKind: r.source_kind,
    metadata: r.metadata,
    ordinal: r.ordinal,
    text: r.text,
    start: r.start_offset,
    end: r.end_offset,
    headings: r.headings,
  }))
}

export type KbDocumentRow = typeof kbDocuments.$inferSelect

/** The tenant's documents, newest first; `limit + 1` rows tell if more follow. */
export function listDocuments(
  tx: Tx,
  tenantId: string,
  page: { limit: number; after?: { createdAt: Date; id: string } },
) {
  return tx
    .select()
    .from(kbDocuments)
    .where(
      and(
        eq(kbDocuments.tenantId, tenantId),
        page.after ? afterCursor(kbDocuments.createdAt, kbDocuments.id, page.after) : undefined,
      ),
    )
    .orderBy(...newestFirst(kbDocuments.createdAt, kbDocuments.id))
    .limit(page.limit + 1)
}

export async function documentById(tx: Tx, tenantId: string, id: string): Promise<KbDocumentRow | undefined> {
  const [row] = await tx
    .select()
    .from(kbDocuments)
    .where(and(eq(kbDocuments.tenantId, tenantId), eq(kbDocuments.id, id)))
  return row
}

/** The keys of the tenant's documents starting with `prefix`. */
export async function documentKeysWithPrefix(tx: Tx, tenantId: string, prefix: string): Promise<string[]> {
  const result = await tx.execute<{ key: string }>(sql`
    select key from kb_documents where tenant_id = ${tenantId} and starts_with(key, ${prefix})`)
  return result.rows.map((r) => r.key)
}
