// The offline embedding for retrieval: the platform's hashed character n-grams (core/llm/ngram-embedding.ts)
// with two changes measured on the retrieval dev set (docs/decisions/013-hybrid-retrieval.md): 3-, 4- and
// 5-grams, and each word weighted by how rare it is in English, so "the", "of" and "which" no longer fill the
// vector and the words that tell documents apart do. The rarity comes from a fixed word-frequency list (the
// one the person detector already bundles), not from the tenant's documents, so a vector never changes when
// other documents arrive. Still spelling, not meaning: a model's embedding replaces it when configured.
import { ngramEmbedding } from '../../llm/ngram-embedding.ts'
import { lexicon } from '../redaction/person/lexicon.ts'

export const RETRIEVAL_EMBEDDING_MODEL = 'offline-ngram-retrieval-v1'

const GRAM_SIZES = [3, 4, 5] as const
/** Frequency ranks below this count barely; the scale of the weight's logarithm. */
const RANK_SCALE = 20
const RANK_CEILING = 20_000

/** 0..1: ~0.05 for the commonest words, 1 for words ranked past 20,000 or not listed (names, jargon, numbers). */
export function rarityWeight(word: string): number {
  const rank = lexicon().wordRank.get(word)
  if (rank === undefined) return 1
  return Math.min(1, Math.log(1 + rank / RANK_SCALE) / Math.log(1 + RANK_CEILING / RANK_SCALE))
}

export const retrievalEmbedding = (text: string, dimensions: number): number[] =>
  ngramEmbedding(text, dimensions, { gramSizes: GRAM_SIZES, wordWeight: rarityWeight })
