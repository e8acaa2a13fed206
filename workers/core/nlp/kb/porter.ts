// The Porter (1980) stemmer, the one Lucene's PorterStemFilter and Elasticsearch's `english` analyzer use, so
// full-text matching conflates `running`/`runs`/`run` as the BM25 systems we are measured against do.
// Written from the algorithm's description (M. F. Porter, "An algorithm for suffix stripping", 1980).

const isVowelAt = (w: string, i: number): boolean => {
  const c = w[i]
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return true
  // `y` is a vowel after a consonant (`happy`), a consonant at the start or after a vowel (`yes`, `toy`).
  return c === 'y' && i > 0 && !isVowelAt(w, i - 1)
}

/** m: the number of vowel-consonant sequences in `stem` ([C](VC)^m[V]). */
function measure(stem: string): number {
  let m = 0
  let i = 0
  while (i < stem.length && !isVowelAt(stem, i)) i++
  while (i < stem.length) {
    while (i < stem.length && isVowelAt(stem, i)) i++
    if (i >= stem.length) break
    m++
    while (i < stem.length && !isVowelAt(stem, i)) i++
  }
  return m
}

const hasVowel = (stem: string) => {
  for (let i = 0; i < stem.length; i++) if (isVowelAt(stem, i)) return true
  return false
}

const endsDoubleConsonant = (w: string) =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && !isVowelAt(w, w.length - 1)

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y (`hop`, not `snow`). */
const endsCvc = (w: string) => {
  const n = w.length
  if (n < 3) return false
  const last = w[n - 1] as string
  return !isVowelAt(w, n - 1) && isVowelAt(w, n - 2) && !isVowelAt(w, n - 3) && !'wxy'.includes(last)
}

/** Replaces the first matching suffix whose stem satisfies `when`; returns undefined when none ends the word. */
function replaceSuffix(
  w: string,
  rules: readonly (readonly [string, string])[],
  when: (stem: string) => boolean,
): string | undefined {
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue
    const stem = w.slice(0, w.length - suffix.length)
    return when(stem) ? stem + replacement : w
  }
  return undefined
}

const STEP2: readonly (readonly [string, string])[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
]
const STEP3: readonly (readonly [string, string])[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
]
const STEP4 = [
  'ement',
  'ance',
  'ence',
  'able',
  'ible',
  'ment',
  'ant',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'al',
  'er',
  'ic',
  'ou',
] as const

// Longest suffix first, so `ational` wins over `tional` and `ement` over `ment`.
const byLength = <T extends readonly [string, string]>(rules: readonly T[]) =>
  [...rules].sort((a, b) => b[0].length - a[0].length)
const STEP2_SORTED = byLength(STEP2)
const STEP3_SORTED = byLength(STEP3)

function step1ab(word: string): string {
  let w = word
  if (w.endsWith('sses') || w.endsWith('ies')) w = w.slice(0, -2)
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1)

  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w
  const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : undefined
  if (!suffix) return w
  const stem = w.slice(0, -suffix.length)
  if (!hasVowel(stem)) return w
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`
  if (endsDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1)
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`
  return stem
}

function step4(w: string): string {
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue
    const stem = w.slice(0, w.length - suffix.length)
    if (measure(stem) <= 1) return w
    if (suffix === 'ion') return /[st]$/.test(stem) ? stem : w
    return stem
  }
  return w
}

function step5(word: string): string {
  let w = word
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1)
    const m = measure(stem)
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem
  }
  if (measure(w) > 1 && w.endsWith('ll')) w = w.slice(0, -1)
  return w
}

/** The Porter stem of a lower-case word; words under three letters are left as they are. */
export function porterStem(word: string): string {
  if (word.length < 3) return word
  let w = step1ab(word)
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`
  w = replaceSuffix(w, STEP2_SORTED, (stem) => measure(stem) > 0) ?? w
  w = replaceSuffix(w, STEP3_SORTED, (stem) => measure(stem) > 0) ?? w
  return step5(step4(w))
}
