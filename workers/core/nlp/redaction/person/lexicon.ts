import { dictionary as en } from '@zxcvbn-ts/language-en'
import { fold } from './fold.ts'
import { FIRST_NAMES, SURNAMES } from './name-lexicon-data.ts'

/**
 * What the person detector knows about words, built once on first use from data the Worker already
 * bundles for password strength (@zxcvbn-ts/language-en, MIT: US census first names and surnames ranked
 * by frequency; English word frequencies from OpenSubtitles 2024 via OPUS, ODC-BY, and from Wikipedia) plus the
 * multicultural lists of name-lexicon-data.ts (from @faker-js/faker, MIT).
 */
export type Lexicon = {
  /** Rank among English words by frequency (0 = "you"); absent = not a common English word. Subtitles
   *  and Wikipedia, the better of the two. */
  wordRank: ReadonlyMap<string, number>
  /** Known first names. */
  firstNames: ReadonlySet<string>
  /** Known surnames, with their US census rank where there is one (else Infinity). */
  surnames: ReadonlyMap<string, number>
}

let built: Lexicon | undefined

export function lexicon(): Lexicon {
  if (built) return built
  const wordRank = new Map<string, number>()
  en['commonWords-en'].forEach((w, i) => {
    const key = fold(w)
    if (!wordRank.has(key)) wordRank.set(key, i)
  })
  // Wikipedia's vocabulary adds the written words film dialogue lacks (adaptive, municipality); its ranks
  // count double, as an encyclopedia's frequent words include more proper nouns.
  en['wikipedia-en'].forEach((w, i) => {
    const key = fold(w)
    const rank = i * 2
    if ((wordRank.get(key) ?? Number.POSITIVE_INFINITY) > rank) wordRank.set(key, rank)
  })
  const firstNames = new Set<string>(en['firstnames-en'].map(fold))
  for (const name of FIRST_NAMES.split(' ')) firstNames.add(name)
  const surnames = new Map<string, number>()
  en['lastnames-en'].forEach((w, i) => {
    const key = fold(w)
    if (!surnames.has(key)) surnames.set(key, i)
  })
  for (const name of SURNAMES.split(' ')) if (!surnames.has(name)) surnames.set(name, Number.POSITIVE_INFINITY)
  built = { wordRank, firstNames, surnames }
  return built
}
