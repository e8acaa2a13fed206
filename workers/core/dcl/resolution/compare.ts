// How two values of one kind agree, as a level from "exact" down to "different" (always the last level).
// Each comparator lists its level names; features.ts gives each level its weight of evidence.
import type { NormalisedDate } from './dates.ts'
import { sameNameVariants } from './nicknames.ts'
import { soundexAlike } from './phonetic.ts'
import type { NameValue, TextValue } from './prepare.ts'
import { editDistance, jaroWinkler, tokenSetSimilarity } from './similarity.ts'

export const NAME_LEVELS = ['exact', 'close', 'similar', 'initial', 'different'] as const

/** exact, close (one typo, a nickname, a middle name more), similar (sounds alike), an initial, different. */
export function compareNames(a: NameValue, b: NameValue): number {
  if (a.compact === b.compact) return 0
  const short = a.compact.length <= b.compact.length ? a : b
  const long = short === a ? b : a
  if (short.compact.length === 1) return long.compact.startsWith(short.compact) ? 3 : 4
  const jw = jaroWinkler(a.compact, b.compact)
  if (
    jw >= 0.92 ||
    (short.compact.length >= 3 && editDistance(a.compact, b.compact, 1) <= 1) ||
    sameNameVariants(a.words[0] ?? '', b.words[0] ?? '') ||
    (short.words.length < long.words.length && short.words.every((w) => long.words.includes(w)))
  )
    return 1
  if (jw >= 0.82 || a.nysiis === b.nysiis || (jw >= 0.7 && soundexAlike(a.soundex, b.soundex))) return 2
  return 4
}

export const DATE_LEVELS = ['exact', 'day-month swapped', 'one digit', 'two of three parts', 'different'] as const

function compareReadings(x: string, y: string): number {
  if (x === y) return 0
  const [yx, mx, dx] = [x.slice(0, 4), x.slice(4, 6), x.slice(6, 8)]
  const [yy, my, dy] = [y.slice(0, 4), y.slice(4, 6), y.slice(6, 8)]
  if (yx === yy && mx === dy && dx === my) return 1
  if (editDistance(x, y, 1) <= 1) return 2
  if (Number(yx === yy) + Number(mx === my) + Number(dx === dy) >= 2) return 3
  return 4
}

/** The best agreement over the readings of each date (an ambiguous 03/04 agrees with either). */
export function compareDates(a: NormalisedDate, b: NormalisedDate): number {
  let best = 4
  for (const x of a.readings) for (const y of b.readings) best = Math.min(best, compareReadings(x, y))
  return best
}

export const CODE_LEVELS = ['exact', 'one edit', 'two edits', 'different'] as const

/** Identifiers: exact, one or two typos (a transposition is one; two only in longer codes), different. */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0
  const d = editDistance(a, b, 2)
  if (d <= 1 && Math.min(a.length, b.length) >= 2) return 1
  if (d <= 2 && Math.min(a.length, b.length) >= 6) return 2
  return 3
}

export const SHORT_CODE_LEVELS = ['exact', 'one edit', 'different'] as const

/** Short codes (house numbers, postcodes): exact, one typo, different. */
export function compareShortCodes(a: string, b: string): number {
  if (a === b) return 0
  return editDistance(a, b, 1) <= 1 ? 1 : 2
}

export const TEXT_LEVELS = ['exact', 'close', 'similar', 'different'] as const

/** Multi-word text (street, suburb, address line): typos, split and joined words, reordered words. */
export function compareText(a: TextValue, b: TextValue): number {
  if (a.compact === b.compact) return 0
  const jw = jaroWinkler(a.compact, b.compact)
  if (jw >= 0.93 || editDistance(a.compact, b.compact, 1) <= 1) return 1
  if (jw >= 0.85) return 2
  // Reordered words: only worth the word-by-word comparison when some word is shared outright.
  const shared = a.words.some((w) => b.words.includes(w))
  return shared && tokenSetSimilarity(a.words, b.words) >= 0.9 ? 2 : 3
}

/** Organisation names: exact, close (a typo, words reordered), similar (most words shared), different. */
export function compareOrganisations(a: NameValue, b: NameValue): number {
  if (a.compact === b.compact) return 0
  const tokens = tokenSetSimilarity(a.words, b.words)
  if (jaroWinkler(a.compact, b.compact) >= 0.94 || (tokens >= 0.95 && Math.abs(a.words.length - b.words.length) <= 1))
    return 1
  if (tokens >= 0.75) return 2
  return 3
}

export const EQUAL_LEVELS = ['exact', 'different'] as const

export const compareEqual = (a: string, b: string) => (a === b ? 0 : 1)

/** Phone numbers: the same line (last 9 digits agree, so country and trunk prefixes do not matter), one typo, different. */
export function comparePhones(a: string, b: string): number {
  const n = Math.min(9, a.length, b.length)
  const [x, y] = [a.slice(-n), b.slice(-n)]
  if (x === y) return 0
  return editDistance(x, y, 1) <= 1 ? 1 : 2
}
