// The knowledge-base store on the embedded Postgres, through the services the API will call: tenants never
// see each other's chunks (the repository's tenant filter and, alone, RLS), a changed document replaces its
// chunks, a deleted one is gone from search, and the BM25 statistics follow every change.
import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, withScope, withTenant } from '../../../workers/adapters/db/client.ts'
import { fullTextCandidates, lexicalStats } from '../../../workers/adapters/db/kb-repo.ts'
import { createOfflineProvider } from '../../../workers/adapters/llm/offline.ts'
import { analyze, termFrequencies } from '../../../workers/core/nlp/kb/analyze.ts'
import { bm25Score, planLexicalQuery } from '../../../workers/core/nlp/kb/bm25.ts'
import { prepareChunks } from '../../../workers/core/nlp/kb/document.ts'
import { deleteKbDocument } from '../../../workers/services/kb/delete-document.ts'
import { ingestKbDocument, ingestKbDocuments } from '../../../workers/services/kb/ingest-document.ts'
import type { KbDeps } from '../../../workers/services/kb/kb-deps.ts'
import { rankKbChunks, searchKb } from '../../../workers/services/kb/search-kb.ts'

const { db, close } = openDatabase(env.DATABASE_URL as string, env.DB_WS_PROXY)
const deps = (tenantId: string): KbDeps => ({
  db,
  llm: createOfflineProvider({ tenantId, redact: (text) => ({ text }), budget: { check: () => ({ ok: true }) } }),
})
const doc = (key: string, text: string, extra: { title?: string; metadata?: Record<string, string> } = {}) => ({
  key,
  text,
  sourceKind: 'text' as const,
  metadata: extra.metadata ?? {},
  ...(extra.title ? { title: extra.title } : {}),
})
const search = (tenantId: string, query: string, mode: 'hybrid' | 'fulltext' | 'vector' = 'hybrid') =>
  searchKb(deps(tenantId), tenantId, { query, limit: 10, mode })

async function newTenant(name: string) {
  const id = crypto.randomUUID()
  await withScope(db, { tenantId: id }, (tx) => tx.execute(sql`insert into tenants (id, name) values (${id}, ${name})`))
  return id
}

describe('knowledge-base store', () => {
  let a: string
  let b: string

  beforeAll(async () => {
    a = await newTenant('KB Alpha')
    b = await newTenant('KB Beta')
    await ingestKbDocuments(deps(a), a, [
      doc(
        'alpha-plan',
        'Project Zephyrine launches the quantum ledger in March. The ledger settles trades overnight.',
        {
          title: 'Alpha roadmap',
          metadata: { team: 'finance' },
        },
      ),
      doc('alpha-hr', 'Holiday policy: every employee gets twenty-five days of paid leave.', {
        metadata: { team: 'hr' },
      }),
    ])
    await ingestKbDocument(deps(b), b, doc('beta-notes', 'Beta sells garden furniture and weatherproof benches.'))
  })
  afterAll(() => close())

  it('finds a tenant its own chunks, with their score and the retrievers that found them', async () => {
    const hits = await search(a, 'quantum ledger')
    expect(hits[0]).toMatchObject({ documentKey: 'alpha-plan', title: 'Alpha roadmap', metadata: { team: 'finance' } })
    expect(hits[0]?.score).toBeGreaterThan(0)
    expect(hits[0]?.retrievers.fulltext?.rank).toBe(1)
    expect(hits[0]?.retrievers.vector?.rank).toBe(1)
    const fulltextOnly = await search(a, 'quantum ledger', 'fulltext')
    expect(fulltextOnly.every((h) => h.retrievers.vector === undefined)).toBe(true)
  })

  it('applies metadata, kind and document filters to both retrievers', async () => {
    const finance = await searchKb(deps(a), a, {
      query: 'paid leave days',
      limit: 10,
      mode: 'hybrid',
      filter: { metadata: { team: 'finance' } },
    })
    expect(finance.map((h) => h.documentKey)).toEqual(['alpha-plan'])
    const byKey = await searchKb(deps(a), a, {
      query: 'ledger',
      limit: 10,
      mode: 'hybrid',
      filter: { documentKeys: ['alpha-hr'] },
    })
    expect(byKey.map((h) => h.documentKey)).toEqual(['alpha-hr'])
    const none = await searchKb(deps(a), a, {
      query: 'ledger',
      limit: 10,
      mode: 'hybrid',
      filter: { sourceKinds: ['pdf'] },
    })
    expect(none).toEqual([])
  })

  it("never returns another tenant's chunks, whatever the query", async () => {
    for (const mode of ['hybrid', 'fulltext', 'vector'] as const) {
      const hits = await rankKbChunks(deps(b), b, { query: 'Project Zephyrine quantum ledger', limit: 100, mode })
      expect(hits.map((h) => h.documentKey).every((k) => k === 'beta-notes')).toBe(true)
    }
    expect((await search(b, 'Zephyrine', 'fulltext')).length).toBe(0)
  })

  it("keeps tenants apart by RLS alone: unfiltered SQL as tenant B sees none of A's rows and cannot write them", async () => {
    const seen = await withTenant(db, b, (tx) =>
      tx.execute<{ chunks: number; docs: number; terms: number }>(sql`
        select (select count(*) from kb_chunks where text like '%Zephyrine%')::int as chunks,
               (select count(*) from kb_documents where key like 'alpha%')::int as docs,
               (select count(*) from kb_terms where term = 'zephyrin')::int as terms`),
    )
    expect(seen.rows[0]).toEqual({ chunks: 0, docs: 0, terms: 0 })
    const nearest = await withTenant(db, b, (tx) =>
      tx.execute<{ key: string }>(sql`
        select d.key from kb_chunks c join kb_documents d on d.id = c.document_id
        order by c.embedding <=> (select embedding from kb_chunks limit 1) limit 50`),
    )
    expect(nearest.rows.map((r) => r.key)).toEqual(['beta-notes'])
    await expect(
      withTenant(db, b, (tx) =>
        tx.execute(sql`insert into kb_documents (tenant_id, key, source_kind, content_hash, chunk_count, embedding_model)
          values (${a}, 'planted', 'text', 'x', 0, 'm')`),
      ),
    ).rejects.toThrow()
  })

  it('matches full text through the GIN index only within the transaction’s own tenant, none when unscoped', async () => {
    // app_kb_text_matches runs with its owner's rights (so the index can serve `@@` under RLS); its scoping
    // must be the policy's: the tenant of the transaction, never one it is handed.
    const matches = (scope: { tenantId?: string }) =>
      withScope(db, scope, async (tx) => {
        const found = await tx.execute<{ n: number }>(
          sql`select count(*)::int as n from app_kb_text_matches('zephyrin'::tsquery)`,
        )
        return found.rows[0]?.n
      })
    expect(await matches({ tenantId: a })).toBeGreaterThan(0)
    expect(await matches({ tenantId: b })).toBe(0)
    expect(await matches({})).toBe(0)
  })

  it('replaces the chunks of a re-ingested changed document, without duplicates, and keeps BM25 stats exact', async () => {
    const t = await newTenant('KB Gamma')
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} mentions the obsolete sprocket catalogue.`).join(
      '\n\n',
    )
    const first = await ingestKbDocument(deps(t), t, doc('manual', long))
    expect(first.status).toBe('created')
    expect(first.chunks).toBeGreaterThan(1)
    const again = await ingestKbDocument(deps(t), t, doc('manual', long))
    expect(again).toMatchObject({ status: 'unchanged', id: first.id, chunks: first.chunks })

    const second = await ingestKbDocument(deps(t), t, doc('manual', 'The new manual covers the turbine only.'))
    expect(second).toMatchObject({ status: 'replaced', id: first.id, chunks: 1 })
    const rows = await withTenant(db, t, (tx) =>
      tx.execute<{ n: number; ordinals: number[] }>(
        sql`select count(*)::int as n, array_agg(ordinal) as ordinals from kb_chunks where tenant_id = ${t}`,
      ),
    )
    expect(rows.rows[0]).toEqual({ n: 1, ordinals: [0] })
    expect(await search(t, 'sprocket catalogue', 'fulltext')).toEqual([])
    expect((await search(t, 'turbine')).map((h) => h.documentKey)).toEqual(['manual'])
    const { stats, df } = await withTenant(db, t, (tx) => lexicalStats(tx, t, ['sprocket', 'turbin']))
    expect(stats.chunks).toBe(1)
    expect([...df]).toEqual([['turbin', 1]])
  })

  it('scores full text in SQL exactly as BM25 does in memory, repeated query words included', async () => {
    const t = await newTenant('KB Epsilon')
    const docs = [
      doc('short', 'Lift on a swept wing.'),
      doc('long', 'Lift and drag of swept and unswept wings measured in a wind tunnel at low speed; lift grows.'),
      doc('other', 'Heat transfer to a blunt body in hypersonic flow.'),
    ]
    await ingestKbDocuments(deps(t), t, docs)
    const chunks = docs.flatMap((d) => prepareChunks(d).map((c) => ({ key: d.key, terms: c.terms })))
    const query = analyze('lift lift of a swept wing in hypersonic flow')
    const { stats, df } = await withTenant(db, t, (tx) => lexicalStats(tx, t, query))
    expect(stats).toEqual({ chunks: 3, tokens: chunks.reduce((n, c) => n + c.terms.length, 0) })
    const plan = planLexicalQuery(query, df, stats, { candidateBudget: 1_000_000 })
    if (!plan) throw new Error('no plan')
    const inSql = await withTenant(db, t, (tx) => fullTextCandidates(tx, t, plan, 10))
    const inMemory = chunks
      .map((c) => ({ key: c.key, score: bm25Score(plan, termFrequencies(c.terms), c.terms.length) }))
      .sort((x, y) => y.score - x.score)
    expect(inSql.map((c) => c.documentKey)).toEqual(inMemory.map((c) => c.key))
    for (const [i, c] of inSql.entries()) expect(c.score).toBeCloseTo(inMemory[i]?.score as number, 9)
  })

  it('stops retrieving a deleted document, and says when there was nothing to delete', async () => {
    const t = await newTenant('KB Delta')
    await ingestKbDocuments(deps(t), t, [
      doc('keep', 'Invoices are paid within thirty days.'),
      doc('drop', 'Invoices from the old supplier are archived.'),
    ])
    expect((await search(t, 'invoices')).map((h) => h.documentKey).sort()).toEqual(['drop', 'keep'])
    expect(await deleteKbDocument(deps(t), t, { key: 'drop' })).toBe(true)
    expect(await deleteKbDocument(deps(t), t, { key: 'drop' })).toBe(false)
    for (const mode of ['hybrid', 'fulltext', 'vector'] as const)
      expect((await search(t, 'invoices old supplier archived', mode)).map((h) => h.documentKey)).toEqual(['keep'])
    const { stats, df } = await withTenant(db, t, (tx) => lexicalStats(tx, t, ['archiv', 'invoic']))
    expect(stats.chunks).toBe(1)
    expect([...df]).toEqual([['invoic', 1]])
    // Another tenant cannot delete it either.
    expect(await deleteKbDocument(deps(a), a, { key: 'keep' })).toBe(false)
  })
})
