import { fold } from './fold.ts'

export type Shape = 'cap' | 'upper' | 'lower' | 'initial' | 'number' | 'other'

export type Token = {
  text: string
  start: number
  end: number
  /** fold(text), the look-up key. */
  key: string
  shape: Shape
  /** "Panjiva's": the possessive ending is not part of the token. */
  possessive: boolean
  /** Glued to digits or underscores: part of a code (a UUID's "abd3", SERVICE_UNAVAILABLE, user_amy), never a name. */
  code: boolean
  /** First word of a sentence, a line, a quotation or a label value: its capital says nothing. */
  clauseStart: boolean
  /** The characters between the previous token and this one. */
  gapBefore: string
}

// Words (letters with inner apostrophes and hyphens: O'Brien, Jean-Luc) and numbers.
const TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\p{N}+/gu
const POSSESSIVE = /['’]s$/i
const CODE_GLUE = /[\p{N}_]/u
const CLAUSE_BREAK = /[.!?;:\n\r"“”«»()[\]{}|•*#>]|^\s*[-–—]\s|\s[-–—]\s/

function shapeOf(text: string): Shape {
  if (/^\p{N}+$/u.test(text)) return 'number'
  const letters = text.replace(/[^\p{L}]/gu, '')
  if (letters.length === 1) return /\p{Lu}/u.test(letters) ? 'initial' : 'lower'
  const first = letters[0] as string
  if (/\p{Lu}/u.test(first)) return letters === letters.toUpperCase() ? 'upper' : 'cap'
  if (/\p{Ll}/u.test(first)) return 'lower'
  return 'other'
}

// Shape and key depend on the spelling alone: computed once per distinct word (bounded).
const spellings = new Map<string, { key: string; shape: Shape }>()

function spelling(word: string): { key: string; shape: Shape } {
  let known = spellings.get(word)
  if (!known) {
    if (spellings.size >= 200_000) spellings.clear()
    known = { key: fold(word), shape: shapeOf(word) }
    spellings.set(word, known)
  }
  return known
}

/** Tokens of `text` in order, with their shape and whether each opens a clause. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  let previousEnd = 0
  let previous: Token | undefined
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0]
    const possessive = POSSESSIVE.test(word) && word.length > 2
    if (possessive) word = word.slice(0, -2)
    const gapBefore = text.slice(previousEnd, m.index)
    // "Dr. Smith", "J. Smith": the period after an honorific or an initial ends no sentence.
    const abbreviation = previous !== undefined && (previous.shape === 'initial' || previous.text.length <= 4)
    const breaks = CLAUSE_BREAK.test(abbreviation ? gapBefore.replace(/^\./, '') : gapBefore)
    const { key, shape } = spelling(word)
    const token: Token = {
      text: word,
      start: m.index,
      end: m.index + word.length,
      key,
      shape,
      possessive,
      code: CODE_GLUE.test(text[m.index - 1] ?? '') || CODE_GLUE.test(text[m.index + m[0].length] ?? ''),
      clauseStart: previous === undefined || breaks,
      gapBefore,
    }
    out.push(token)
    previous = token
    previousEnd = m.index + m[0].length
  }
  return out
}

/**
 * How the text is cased: names carry no capital in all-lower or all-upper text. Lower: sentences start in
 * lower case at least as often as not, and nothing mid-sentence is capitalised but "I".
 */
export function caseStyle(tokens: readonly Token[]): 'mixed' | 'lower' | 'upper' {
  let upper = 0
  let lower = 0
  let cap = 0
  let startsLower = 0
  let startsCap = 0
  let midCap = 0
  for (const t of tokens) {
    if (t.shape === 'lower') lower++
    else if (t.shape === 'upper') upper++
    else if (t.shape === 'cap') cap++
    if (t.clauseStart) {
      if (t.shape === 'lower') startsLower++
      else if (t.shape === 'cap' || t.shape === 'upper' || t.shape === 'initial') startsCap++
    } else if ((t.shape === 'cap' || t.shape === 'upper') && t.text !== 'I') midCap++
  }
  if (upper > 0 && lower + cap <= upper / 4) return 'upper'
  if (midCap === 0 && startsLower >= startsCap && lower > 0) return 'lower'
  return 'mixed'
}
