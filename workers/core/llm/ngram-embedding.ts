// The offline embedding: hashed character n-grams (feature hashing). Deterministic, no model and no network,
// so the platform and its tests run with no key; texts that share spelling land near each other
// (`cust_email` ~ `Customer E-mail`), texts that share only meaning do not (`zip` vs `postal code`): a model's
// embedding does that, this one does not pretend to. docs/decisions/008-offline-llm-provider.md says why.

export const OFFLINE_EMBEDDING_MODEL = 'offline-ngram-v1'
export const OFFLINE_EMBEDDING_DIMENSIONS = 256

const GRAM_SIZES = [2, 3, 4] as const
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
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Each feature (a word, or an n-gram of a word padded with `^`/`$`) and how often it occurs. */
function features(normalised: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight)
  for (const word of normalised.split(' ')) {
    if (word === '') continue
    add(`w:${word}`, WORD_WEIGHT)
    const padded = `^${word}$`
    for (const n of GRAM_SIZES) for (let i = 0; i + n <= padded.length; i++) add(padded.slice(i, i + n), 1)
  }
  return counts
}

/**
 * A unit-length vector of `dimensions` numbers; the same text always gives the same vector. Each feature adds
 * 1 + ln(count) to one bucket with a sign from its hash, so collisions cancel rather than pile up. A text
 * with no letters or digits gives the zero vector (similar to nothing).
 */
export function ngramEmbedding(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions)
  for (const [feature, count] of features(normaliseText(text))) {
    const hash = fnv1a(feature)
    const sign = hash & 1 ? -1 : 1
    const bucket = (hash >>> 1) % dimensions
    vector[bucket] = (vector[bucket] as number) + sign * (1 + Math.log(count))
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
