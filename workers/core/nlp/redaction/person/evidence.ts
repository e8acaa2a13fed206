import type { Lexicon } from './lexicon.ts'
import { hasForeignLetters, romajiShape, surnameEnding } from './morphology.ts'
import type { Token } from './tokens.ts'
import {
  CALENDAR_WORDS,
  NAME_PARTICLES,
  NEVER_NAMES,
  ORG_WORDS,
  PLACES_AND_PEOPLES,
  PRODUCTS_AND_VENDORS,
  STREET_SUFFIX,
  STREET_WORDS_BEFORE,
  THING_NOUNS_AFTER,
  TITLES,
} from './vocabulary.ts'

/** Below this frequency rank a capitalised word is an ordinary English word, never a name on its own. */
export const ORDINARY_WORD_RANK = 8000

/** Below this rank a word is common enough that its capital counts for less (film dialogue is full of names). */
export const COMMON_WORD_RANK = 20_000

/** What one word says about being part of a person's name, before any context. */
export type WordEvidence = {
  /** 0–2: a known first name (2 when the word is rare in English, less when it is also an ordinary word). */
  first: number
  /** 0–2: a known surname, weighed by census frequency against its frequency as a word. */
  last: number
  /** Spelling that marks a surname or a romanised Japanese name, for words in no list. */
  shape: number
  /** English frequency rank (Infinity when not a common word). */
  wordRank: number
  /** Never part of a name: a function word, a month, an honorific. */
  blocked: boolean
  /** Not a name unless a cue says so ("Dr. Wells"): a place, an organisation, a street word or a part of a system. */
  softBlocked: boolean
  /** One of the caller's known names. */
  known: boolean
  particle: boolean
  title: boolean
}

// Evidence depends on the word alone (the caller's known names are applied on top), so it is computed once
// per spelling; the cache is bounded so a stream of distinct words cannot grow it without limit.
const cache = new Map<string, WordEvidence>()
const CACHE_LIMIT = 200_000

export function wordEvidence(token: Token, lex: Lexicon, known: ReadonlySet<string>): WordEvidence {
  let base = cache.get(token.text)
  if (!base) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    base = spellingEvidence(token, lex)
    cache.set(token.text, base)
  }
  // A known name that is also a common word (Will, Grace) counts only where it is capitalised.
  if (known.size > 0 && known.has(token.key) && (base.wordRank >= 3000 || token.shape !== 'lower')) {
    return { ...base, known: true, blocked: false, softBlocked: false }
  }
  return base
}

// Inflections the frequency lists often lack: "pedestrians" is "pedestrian", "rebuilding" is "rebuild".
const INFLECTIONS: readonly (readonly [RegExp, string])[] = [
  [/ies$/, 'y'],
  [/es$/, ''],
  [/s$/, ''],
  [/ied$/, 'y'],
  [/ed$/, ''],
  [/ed$/, 'e'],
  [/ing$/, ''],
  [/ing$/, 'e'],
  [/ly$/, ''],
  [/ers?$/, ''],
  [/ness$/, ''],
  [/ments?$/, ''],
]

function englishRank(key: string, lex: Lexicon): number {
  const direct = lex.wordRank.get(key)
  if (direct !== undefined) return direct
  for (const [ending, replacement] of INFLECTIONS) {
    if (!ending.test(key)) continue
    const stem = key.replace(ending, replacement)
    const rank = stem.length >= 4 ? lex.wordRank.get(stem) : undefined
    if (rank !== undefined) return rank
  }
  return Number.POSITIVE_INFINITY
}

function spellingEvidence(token: Token, lex: Lexicon): WordEvidence {
  const key = token.key
  const censusRank = lex.surnames.get(key)
  const listed = censusRank !== undefined || lex.firstNames.has(key)
  // A word in the name lists keeps its own rank; any other word is English if its stem is.
  const wordRank = listed ? (lex.wordRank.get(key) ?? Number.POSITIVE_INFINITY) : englishRank(key, lex)
  let first = 0
  if (lex.firstNames.has(key)) first = wordRank >= 3000 ? 2 : wordRank >= 400 ? 1 : 0.3
  let last = 0
  if (censusRank !== undefined) {
    if (wordRank === Number.POSITIVE_INFINITY)
      last = censusRank < 30_000 || censusRank === Number.POSITIVE_INFINITY ? 2 : 1.5
    else if (censusRank * 2 < wordRank) last = 2
    else if (wordRank >= 3000) last = 1
    else last = 0.3
  }
  const unlisted = first === 0 && last === 0 && wordRank >= COMMON_WORD_RANK
  // O'Sullivan, McAllister, MacDonald, FitzGerald: Gaelic and Norman surname prefixes.
  const shape = /^(?:O['’]|Mc|Mac|Fitz)\p{Lu}\p{Ll}{2,}/u.test(token.text)
    ? 1.5
    : unlisted
      ? surnameEnding(key)
        ? 1.2
        : romajiShape(key)
          ? 0.6
          : 0
      : 0
  const title = TITLES.has(key)
  const blocked = NEVER_NAMES.has(key) || CALENDAR_WORDS.has(key) || (title && first === 0)
  const softBlocked =
    PLACES_AND_PEOPLES.has(key) ||
    PRODUCTS_AND_VENDORS.has(key) ||
    ORG_WORDS.has(key) ||
    STREET_WORDS_BEFORE.has(key) ||
    // The parts of systems that operators' messages name ("Server temporarily unavailable"): "Server" is
    // also a Turkish first name, and an error log is not where one meets it.
    THING_NOUNS_AFTER.has(key) ||
    (first < 1 && last < 1 && STREET_SUFFIX.test(key))
  return {
    first,
    last,
    shape,
    wordRank,
    blocked,
    softBlocked,
    known: false,
    particle: NAME_PARTICLES.has(key),
    title,
  }
}

/** The strongest lexical reason to read the word as a name, 0–4. */
export function lexicalScore(e: WordEvidence): number {
  if (e.known) return 4
  return Math.max(e.first, e.last, e.shape)
}

/** Extra weight for letters English words lack (Ágnes, Šárka), a hint of a foreign name. */
export const foreignBonus = (token: Token) => (hasForeignLetters(token.text) ? 0.3 : 0)

/**
 * Whether `key`, in no name list, is two ordinary English words run together (Costquest, Healthpocket,
 * Lawdragon): the way companies are named, rarely people.
 */
export function isCompoundOfWords(key: string, lex: Lexicon): boolean {
  if (key.length < 7 || key.includes('-')) return false
  for (let i = 3; i <= key.length - 3; i++) {
    const left = lex.wordRank.get(key.slice(0, i))
    const right = lex.wordRank.get(key.slice(i))
    if (left !== undefined && right !== undefined && left < 15_000 && right < 15_000) return true
  }
  return false
}

/** Inner capitals other than Mc/Mac/O'/De/Di/La/Le/Van (McDonald, DeShawn): a brand (PayPal, LinkedIn). */
export function isCamelCase(text: string): boolean {
  const inner = text.slice(1)
  if (!/\p{Lu}/u.test(inner) || text === text.toUpperCase()) return false
  return !/^(?:Mc|Mac|O'|O’|De|Di|Da|Du|La|Le|Van|Von|Fitz|St)\p{Lu}/u.test(text) && !/-\p{Lu}/u.test(text)
}
