// The offline embedding: hashed character n-grams (feature hashing). Deterministic, no model and no network,
// so the platform and its tests run with no key; texts that share spelling land near each other
// (`cust_email` ~ `Customer E-mail`), texts that share only meaning do not (`zip` vs `postal code`): a model's
// embedding does that, this one does not pretend to. docs/decisions/008-offline-llm-provider.md says why.

export const OFFLINE_EMBEDDING_MODEL = 'offline-ngram-v1'
export const OFFLINE_EMBEDDING_DIMENSIONS = 256

const GRAM_SIZES: readonly number[] = [2, 3, 4]
/** A whole word counts more than any one of its grams, so equal words outweigh shared fragments. */
const WORD_WEIGHT = 2

/** Lower case, accents dropped, camelCase and snake_case split into words: `BillingAddress_2` → `billing address 2`. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

export interface NgramOptions {
  /** Character n-gram lengths (default 2, 3 and 4). */
  gramSizes?: readonly number[]
  /** How much each occurrence of a (normalised) word counts, 0..1 (default 1: every word alike). */
  wordWeight?: (word: string) => number
}

/** Each feature (a word, or an n-gram of a word padded with `^`/`$`) and its weighted count. */
function features(normalised: string, options: NgramOptions): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight)
  const sizes = options.gramSizes ?? GRAM_SIZES
  for (const word of normalised.split(' ')) {
    if (word === '') continue
    const weight = options.wordWeight ? options.wordWeight(word) : 1
    if (weight <= 0) continue
    add(`w:${word}`, WORD_WEIGHT * weight)
    const padded = `^${word}$`
    for (const n of sizes) for (let i = 0; i + n <= padded.length; i++) add(padded.slice(i, i + n), weight)
  }
  return counts
}

/**
 * A unit-length vector of `dimensions` numbers; the same text always gives the same vector. Each feature adds
 * 1 + ln(count) to one bucket with a sign from its hash (a weighted count under 1 adds itself), so collisions
 * cancel rather than pile up. A text with no letters or digits gives the zero vector (similar to nothing).
 */
export function ngramEmbedding(
  text: string,
  dimensions = OFFLINE_EMBEDDING_DIMENSIONS,
  options: NgramOptions = {},
): number[] {
  const vector = new Float64Array(dimensions)
  for (const [feature, count] of features(normaliseText(text), options)) {
    const hash = fnv1a(feature)
    const sign = hash & 1 ? -1 : 1
    const bucket = (hash >>> 1) % dimensions
    vector[bucket] = (vector[bucket] as number) + sign * (count >= 1 ? 1 + Math.log(count) : count)
  }
  let norm = 0
  for (const value of vector) norm += value * value
  norm = Math.sqrt(norm)
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm))
}

/** Cosine similarity; for unit vectors (ngramEmbedding's) it is the dot product. 0 when either is zero. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number
    const y = b[i] as number
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}
