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
      tx.execute<{ chunks: number; docs: number; terms: number; postings: number }>(sql`
        select (select count(*) from kb_chunks where text like '%Zephyrine%')::int as chunks,
               (select count(*) from kb_documents where key like 'alpha%')::int as docs,
               (select count(*) from kb_terms where term = 'zephyrin')::int as terms,
               (select count(*) from kb_postings where term = 'zephyrin' or tenant_id = ${a})::int as postings`),
    )
    expect(seen.rows[0]).toEqual({ chunks: 0, docs: 0, terms: 0, postings: 0 })
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
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } })
    // A planted posting would rank a chunk in A's searches: B cannot write one under A's id.
    await expect(
      withTenant(db, b, (tx) =>
        tx.execute(sql`insert into kb_postings (tenant_id, term, chunk_id, document_id, tf, len)
          select ${a}, 'zephyrin', gen_random_uuid(), gen_random_uuid(), 99, 1`),
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } })
  })

  it("keeps the postings exactly the chunks' terms through ingest, re-ingest and delete", async () => {
    const t = await newTenant('KB Zeta')
    // Each posting is one (term, chunk) of the tenant's chunks with its frequency and the chunk's length;
    // nothing more (a stale posting would rank a chunk that no longer says it), nothing less.
    const mismatches = () =>
      withTenant(db, t, async (tx) => {
        const found = await tx.execute<{ missing: number; extra: number; postings: number }>(sql`
          with expected as (
            select u.lexeme as term, c.id as chunk_id, c.document_id, array_length(u.positions, 1) as tf, c.token_count as len
            from kb_chunks c cross join lateral unnest(c.lexemes) u where c.tenant_id = ${t})
          select (select count(*) from (select * from expected except select term, chunk_id, document_id, tf, len from kb_postings where tenant_id = ${t}) m)::int as missing,
                 (select count(*) from (select term, chunk_id, document_id, tf, len from kb_postings where tenant_id = ${t} except select * from expected) e)::int as extra,
                 (select count(*) from kb_postings where tenant_id = ${t})::int as postings`)
        return found.rows[0]
      })
    const repeated = Array.from({ length: 40 }, (_, i) => `Gasket ${i} seals the gearbox; gearbox oil is checked.`)
    await ingestKbDocuments(deps(t), t, [doc('gaskets', repeated.join('\n\n')), doc('pumps', 'Pumps move oil.')])
    const first = await mismatches()
    expect(first).toMatchObject({ missing: 0, extra: 0 })
    expect(first?.postings).toBeGreaterThan(40)
    await ingestKbDocument(deps(t), t, doc('gaskets', 'Gaskets are now bought in.'))
    expect(await mismatches()).toMatchObject({ missing: 0, extra: 0 })
    await deleteKbDocument(deps(t), t, { key: 'pumps' })
    const last = await mismatches()
    expect(last).toMatchObject({ missing: 0, extra: 0 })
    expect(last?.postings).toBeLessThan(10)
    expect((await search(t, 'gearbox oil', 'fulltext')).map((h) => h.documentKey)).toEqual([])
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
    const plan = planLexicalQuery(query, df, stats)
    if (!plan) throw new Error('no plan')
    const inSql = await withTenant(db, t, (tx) =>
      fullTextCandidates(tx, t, plan, { read: plan.terms.map((w) => w.term), keep: { top: 10 } }, 10),
    )
    const inMemory = chunks
      .map((c) => ({ key: c.key, score: bm25Score(plan, termFrequencies(c.terms), c.terms.length) }))
      .sort((x, y) => y.score - x.score)
    expect(inSql.map((c) => c.documentKey)).toEqual(inMemory.map((c) => c.key))
    for (const [i, c] of inSql.entries()) expect(c.score).toBeCloseTo(inMemory[i]?.score as number, 9)
  })

  it('ranks exactly as BM25 in memory when the second pass reads only the essential terms (MaxScore)', async () => {
    const t = await newTenant('KB Eta')
    // 150 one-chunk documents over 20 words with Zipf-like frequencies: every word is in many chunks, so a
    // one-posting first pass leaves the second to skip the common words and look them up instead.
    const vocabulary = Array.from({ length: 20 }, (_, i) => `word${String.fromCharCode(97 + i)}x`)
    let seed = 7
    const next = () => {
      seed = (seed * 48271) % 2147483647
      return seed / 2147483647
    }
    const pick = () => vocabulary[Math.min(19, Math.floor(Math.exp(next() * Math.log(21))) - 1)] as string
    const docs = Array.from({ length: 150 }, (_, i) =>
      doc(`d${i}`, Array.from({ length: 6 + (i % 9) }, pick).join(' ')),
    )
    await ingestKbDocuments(deps(t), t, docs)
    const terms = new Map(docs.map((d) => [d.key, prepareChunks(d)[0]?.terms ?? []]))
    for (const q of ['wordax wordfx wordpx', 'wordbx wordcx', 'wordax wordbx wordcx wordsx', 'wordtx wordax']) {
      const query = analyze(q)
      const { stats, df } = await withTenant(db, t, (tx) => lexicalStats(tx, t, query))
      const plan = planLexicalQuery(query, df, stats)
      if (!plan) throw new Error('no plan')
      const inMemory = [...terms].map(([key, c]) => ({ key, score: bm25Score(plan, termFrequencies(c), c.length) }))
      const expected = inMemory.map((c) => c.score).sort((x, y) => y - x)
      const scoreOf = new Map(inMemory.map((c) => [c.key, c.score]))
      for (const firstPassPostings of [1, 100_000]) {
        const ranked = await rankKbChunks(deps(t), t, { query: q, limit: 10, mode: 'fulltext' }, { firstPassPostings })
        expect(ranked).toHaveLength(30)
        for (const [i, hit] of ranked.entries()) {
          expect(hit.retrievers.fulltext?.score, `${q} #${i}`).toBeCloseTo(expected[i] as number, 9)
          expect(hit.retrievers.fulltext?.score).toBeCloseTo(scoreOf.get(hit.documentKey) as number, 9)
        }
      }
      // Whichever lightest terms the second pass leaves to lookups (none, some, or all it may), it finds the
      // same top: each partition the cost model can choose, run against the exact 30th best score.
      const threshold = expected[29] as number
      const byWeight = [...plan.terms].sort((x, y) => x.weight - y.weight)
      for (let light = 0, restBound = 0; light < byWeight.length && restBound < threshold; ) {
        const read = byWeight.slice(light).map((w) => w.term)
        const found = await withTenant(db, t, (tx) =>
          fullTextCandidates(tx, t, plan, { read, keep: { atLeast: threshold, restBound } }, 30),
        )
        expect(found.map((c) => c.score).length, `${q}, ${light} light`).toBe(30)
        for (const [i, c] of found.entries())
          expect(c.score, `${q}, ${light} light, #${i}`).toBeCloseTo(expected[i] as number, 9)
        restBound += (byWeight[light++] as { weight: number }).weight
      }
    }
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
