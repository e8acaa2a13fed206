// Text to index terms, one function for documents and queries alike, so both sides of a match agree: Unicode
// NFKC, lower case, the English possessive dropped, split on anything that is not a letter or digit, the 33
// stop words of Lucene's English analyzer removed, then the Porter stem. This is the analysis of the BM25
// baselines we are compared with; Postgres' own `english` configuration differs (Snowball stems, 127 stop
// words), which is why terms are computed here and stored with the `simple` configuration (kb-repo.ts).
import { porterStem } from './porter.ts'

export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
)

/** Postgres refuses a lexeme over 2,047 bytes; such a "word" (base64, a hash) is no query term anyway. */
const MAX_TERM_LENGTH = 64

const stemCache = new Map<string, string>()
const CACHE_LIMIT = 50_000

function stem(word: string): string {
  let s = stemCache.get(word)
  if (s === undefined) {
    s = porterStem(word)
    if (stemCache.size >= CACHE_LIMIT) stemCache.clear()
    stemCache.set(word, s)
  }
  return s
}

/** The index terms of `text`, in order, repeats kept (their count is the term frequency). */
export function analyze(text: string): string[] {
  const terms: string[] = []
  const normalised = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2019]s(?![\p{L}\p{N}])/gu, '')
  for (const word of normalised.split(/[^\p{L}\p{N}]+/u)) {
    if (word === '' || word.length > MAX_TERM_LENGTH || STOP_WORDS.has(word)) continue
    terms.push(stem(word))
  }
  return terms
}

/** Term → how often it occurs, in first-seen order. */
export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}
