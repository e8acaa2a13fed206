/**
 * `npm run bench -- retrieval [--chunks N] [--queries N] [--postgres URL]`: knowledge-base search latency on
 * N chunks (default 100,000) in the embedded store (PGlite with pgvector, the project's migrations, the Neon
 * driver through the WebSocket proxy), or with `--postgres` in a fresh database on a real PostgreSQL server
 * with pgvector (production's shape: Neon is PostgreSQL), through the search service the API uses (`rankKbChunks`, top 10 from 100
 * candidates per retriever). Hybrid beside its baselines measured in the same run on the same queries,
 * interleaved: full text only (BM25 in SQL), vector only (HNSW), and the floor under every search: one
 * tenant-scoped transaction running `select 1` (the round trips and RLS scope a retriever pays before any work).
 * Prints one JSON document.
 *
 * The text is English-like: words drawn by Zipf's law over Wikipedia's word frequency ranks
 * (@zxcvbn-ts/language-en), in sentences and paragraphs; each query takes a few words of one chunk plus
 * common ones. As a bulk load would, the two search indexes (BM25's postings key and HNSW) are built after the
 * rows are in: CREATE INDEX is much faster than inserting into them row by row; the definitions are the
 * migration's. A VACUUM then sets the visibility map, as autovacuum does on a live database, so postings are
 * read from their index alone. The output says what the postings cost in storage beside the chunks.
 */
import { dictionary as en } from '@zxcvbn-ts/language-en'
import { sql } from 'drizzle-orm'
import { withTenant } from '../../workers/adapters/db/client.ts'
import type { KbSearchMode } from '../../workers/core/nlp/kb/document.ts'
import { ingestKbDocuments } from '../../workers/services/kb/ingest-document.ts'
import { rankKbChunks } from '../../workers/services/kb/search-kb.ts'
import { startEmbeddedKb } from '../lib/embedded-kb.ts'
import { percentile, progress, round } from './lib/stats.ts'

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isInteger(n) || n <= 0) {
    console.error(
      `usage: npm run bench -- retrieval [--chunks N] [--queries N] [--postgres [URL]]  (${name} must be a positive integer)`,
    )
    process.exit(2)
  }
  return n
}
const CHUNKS = flag('--chunks', 100_000)
const serverAt = process.argv.indexOf('--postgres')
const serverArg = process.argv[serverAt + 1]
const SERVER =
  serverAt < 0
    ? undefined
    : new URL(serverArg && !serverArg.startsWith('--') ? serverArg : 'postgres://postgres@127.0.0.1:5432/aos_bench_kb')
const QUERIES = flag('--queries', 200)
const CHUNKS_PER_DOCUMENT = 4
const WARMUP = 20

// A seeded generator, so every run measures the same text and queries.
let seed = 2026
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const words = en['wikipedia-en'].filter((w) => /^[a-z]{2,}$/.test(w)).slice(0, 30_000)
// Zipf (s ≈ 1): rank = exp(u · ln V) is log-uniform, which gives P(rank) ∝ 1/rank.
const word = () =>
  words[Math.min(words.length - 1, Math.floor(Math.exp(random() * Math.log(words.length))) - 1)] as string
const sentence = () => {
  const n = 8 + Math.floor(random() * 16)
  const s = Array.from({ length: n }, word).join(' ')
  return `${s[0]?.toUpperCase()}${s.slice(1)}.`
}
const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(' ')
/** About CHUNKS_PER_DOCUMENT chunks of the default size (~512 tokens, ~2,000 characters). */
const documentText = () => {
  let text = ''
  while (text.length < CHUNKS_PER_DOCUMENT * 1800) text += `${paragraph()}\n\n`
  return text
}

async function main() {
  const load = { started: performance.now(), documents: 0, chunks: 0 }
  const kb = await startEmbeddedKb({ databaseUrl: SERVER })
  try {
    await kb.db.execute(sql`drop index kb_chunks_embedding_idx`)
    await kb.db.execute(sql`alter table kb_postings drop constraint kb_postings_tenant_id_term_chunk_id_pk`)
    const samples: string[] = []
    while (load.chunks < CHUNKS) {
      const batch = Array.from({ length: 250 }, () => ({
        key: `doc-${load.documents++}`,
        title: sentence().slice(0, 60),
        text: documentText(),
        sourceKind: 'text' as const,
        metadata: { team: ['finance', 'sales', 'ops'][load.documents % 3] as string },
      }))
      const stored = await ingestKbDocuments(kb, kb.tenantId, batch)
      load.chunks += stored.reduce((sum, d) => sum + d.chunks, 0)
      for (const doc of batch.slice(0, 20)) if (samples.length < QUERIES + WARMUP) samples.push(doc.text.slice(0, 600))
      if (load.documents % 2500 === 0) progress(`loaded ${load.chunks} chunks`)
    }
    const loadedMs = performance.now() - load.started
    progress(`building the postings and HNSW indexes over ${load.chunks} chunks`)
    const indexStarted = performance.now()
    await kb.db.execute(sql`set maintenance_work_mem = '1GB'`)
    await kb.db.execute(sql`alter table kb_postings add constraint kb_postings_tenant_id_term_chunk_id_pk
      primary key (tenant_id, term, chunk_id) include (document_id, tf, len)`)
    await kb.db.execute(sql`vacuum analyze kb_postings`)
    const postingsMs = performance.now() - indexStarted
    await kb.db.execute(sql`create index kb_chunks_embedding_idx on kb_chunks using hnsw (embedding vector_cosine_ops)`)
    await kb.db.execute(sql`analyze`)
    const indexMs = performance.now() - indexStarted
    const sizes = await kb.db.execute<{ chunks_mb: number; postings_mb: number; postings: number }>(sql`
      select round(pg_total_relation_size('kb_chunks') / 1048576.0) as chunks_mb,
             round(pg_total_relation_size('kb_postings') / 1048576.0) as postings_mb,
             (select count(*) from kb_postings) as postings`)

    // Queries: three to five words of a loaded chunk (rarer words, as people type them) and a common one.
    const queries = samples.slice(0, QUERIES + WARMUP).map((text) => {
      const own = text.toLowerCase().match(/[a-z]+/g) ?? []
      const picked = Array.from({ length: 3 + Math.floor(random() * 3) }, () => own[Math.floor(random() * own.length)])
      return [...picked, word()].join(' ')
    })
    const modes: KbSearchMode[] = ['hybrid', 'fulltext', 'vector']
    const latencies: Record<KbSearchMode | 'round_trip', number[]> = {
      hybrid: [],
      fulltext: [],
      vector: [],
      round_trip: [],
    }
    const hits: Record<KbSearchMode, number> = { hybrid: 0, fulltext: 0, vector: 0 }
    for (const [i, query] of queries.entries()) {
      for (const mode of modes) {
        const t0 = performance.now()
        const ranked = await rankKbChunks(kb, kb.tenantId, { query, limit: 10, mode })
        if (i >= WARMUP) {
          latencies[mode].push(performance.now() - t0)
          hits[mode] += Math.min(10, ranked.length)
        }
      }
      const t0 = performance.now()
      await withTenant(kb.db, kb.tenantId, (tx) => tx.execute(sql`select 1`))
      if (i >= WARMUP) latencies.round_trip.push(performance.now() - t0)
      if ((i + 1) % 50 === 0) progress(`${i + 1}/${queries.length} queries`)
    }
    const timing = (samples: number[]) => ({
      p50_ms: round(percentile(samples, 50)),
      p95_ms: round(percentile(samples, 95)),
      p99_ms: round(percentile(samples, 99)),
      mean_ms: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    })
    const summary = (mode: KbSearchMode) => ({
      ...timing(latencies[mode]),
      mean_hits: round(hits[mode] / latencies[mode].length),
    })
    const { loadavg } = await import('node:os')
    console.log(
      JSON.stringify(
        {
          bench: 'retrieval',
          store: SERVER
            ? `PostgreSQL + pgvector at ${SERVER.host}, Neon driver via the WebSocket proxy`
            : 'PGlite + pgvector (embedded, in memory), Neon driver via the WebSocket proxy',
          chunks: load.chunks,
          documents: load.documents,
          queries: QUERIES,
          load_seconds: round(loadedMs / 1000, 1),
          postings_index_seconds: round(postingsMs / 1000, 1),
          hnsw_build_seconds: round((indexMs - postingsMs) / 1000, 1),
          storage: {
            postings: Number(sizes.rows[0]?.postings),
            postings_mb: Number(sizes.rows[0]?.postings_mb),
            chunks_mb: Number(sizes.rows[0]?.chunks_mb),
          },
          hybrid: summary('hybrid'),
          baselines: {
            fulltext: summary('fulltext'),
            vector: summary('vector'),
            tenant_select_1: timing(latencies.round_trip),
          },
          goal: 'hybrid p95 < 50 ms',
          machine_load_average: loadavg().map((l) => round(l, 1)),
        },
        null,
        2,
      ),
    )
  } finally {
    await kb.stop()
  }
}

await main()
