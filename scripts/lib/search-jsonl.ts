// `aos search CORPUS.jsonl QUERIES.jsonl`: loads documents into an embedded knowledge base through the same
// ingestion and search services the API uses, then prints one ranking per query, documents ranked by their
// best chunk: {"query_id","results":[{"id","score"}]}.
import { z } from 'zod'
import type { ChunkOptions } from '../../workers/core/nlp/kb/chunk.ts'
import type { KbSearchMode } from '../../workers/core/nlp/kb/document.ts'
import { ingestKbDocuments } from '../../workers/services/kb/ingest-document.ts'
import { type KbRankingOptions, rankKbChunks } from '../../workers/services/kb/search-kb.ts'
import { startEmbeddedKb } from './embedded-kb.ts'

/** A line of the input that is not what the command reads; the CLI reports it as an input error. */
export class JsonlLineError extends Error {}

const Id = z.union([z.string().min(1), z.number()]).transform(String)
const CorpusLine = z.object({ id: Id, title: z.string().optional().nullable(), text: z.string() })
const QueryLine = z.object({ id: Id, text: z.string() })

function parseLines<T>(file: string, content: string, schema: z.ZodType<T>, shape: string): T[] {
  const out: T[] = []
  const seen = new Set<string>()
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch {
      throw new JsonlLineError(`${file}:${i + 1}: not valid JSON`)
    }
    const parsed = schema.safeParse(data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new JsonlLineError(
        `${file}:${i + 1}: expected ${shape}: ${issue?.path.join('.') || 'line'} ${issue?.message ?? ''}`.trim(),
      )
    }
    const id = (parsed.data as { id: string }).id
    if (seen.has(id)) throw new JsonlLineError(`${file}:${i + 1}: id ${JSON.stringify(id)} appears twice`)
    seen.add(id)
    out.push(parsed.data)
  })
  if (out.length === 0) throw new JsonlLineError(`${file}: no lines`)
  return out
}

export interface SearchCliOptions {
  mode: KbSearchMode
  top: number
  ranking: KbRankingOptions
  chunking?: ChunkOptions
}

export async function searchJsonl(
  corpus: { file: string; content: string },
  queries: { file: string; content: string },
  options: SearchCliOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
) {
  const docs = parseLines(corpus.file, corpus.content, CorpusLine, '{"id", "title"?, "text"}')
  const qs = parseLines(queries.file, queries.content, QueryLine, '{"id", "text"}')
  const started = performance.now()
  const store = await startEmbeddedKb()
  const kb = { ...store, ...(options.chunking ? { chunking: options.chunking } : {}) }
  try {
    let chunks = 0
    const BATCH = 200
    for (let from = 0; from < docs.length; from += BATCH) {
      const stored = await ingestKbDocuments(
        kb,
        kb.tenantId,
        docs.slice(from, from + BATCH).map((doc) => ({
          key: doc.id,
          ...(doc.title ? { title: doc.title } : {}),
          text: doc.text,
          sourceKind: 'text' as const,
          metadata: {},
        })),
      )
      chunks += stored.reduce((sum, d) => sum + d.chunks, 0)
      err.write(`aos search: loaded ${Math.min(from + BATCH, docs.length)}/${docs.length} documents\n`)
    }
    const loaded = performance.now()
    const latencies: number[] = []
    for (const q of qs) {
      const t0 = performance.now()
      const ranked = await rankKbChunks(
        kb,
        kb.tenantId,
        { query: q.text.trim() || q.id, limit: 100, mode: options.mode },
        { candidates: Math.max(options.top * 2, 200), ...options.ranking },
      )
      latencies.push(performance.now() - t0)
      // A document's score is its best chunk's: the first time it appears in the fused ranking.
      const results: { id: string; score: number }[] = []
      const seen = new Set<string>()
      for (const hit of ranked) {
        if (seen.has(hit.documentKey)) continue
        seen.add(hit.documentKey)
        results.push({ id: hit.documentKey, score: Number(hit.score.toFixed(6)) })
        if (results.length === options.top) break
      }
      out.write(`${JSON.stringify({ query_id: q.id, results })}\n`)
    }
    latencies.sort((a, b) => a - b)
    const p = (f: number) =>
      (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * f))] ?? 0).toFixed(1)
    err.write(
      `aos search: ${docs.length} documents (${chunks} chunks) loaded in ${((loaded - started) / 1000).toFixed(1)} s; ` +
        `${qs.length} ${options.mode} queries, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms\n`,
    )
  } finally {
    await store.stop()
  }
}
