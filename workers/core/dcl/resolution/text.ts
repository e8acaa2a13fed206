// One comparable spelling of free text: lower case, accents and letters NFD cannot split spelled out
// (the redactor's fold), apostrophes dropped inside words ("O'Brien" = "obrien"), any other punctuation
// a word break.
import { fold } from '../../nlp/redaction/person/fold.ts'

/** Lower case, no accents, words of letters and digits separated by single spaces. */
export function foldText(value: string): string {
  return fold(value)
    .replace(/[\u2018\u02bc`´]/g, "'")
    .replace(/(\p{L})'(?=\p{L})/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The words of a folded value. */
export function words(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ')
}

/** A folded, non-empty value, or undefined for null, blank and placeholder values. */
export function present(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined
  const folded = foldText(raw)
  return folded === '' || PLACEHOLDERS.has(folded) ? undefined : folded
}

/** What exports write where a value is missing. */
const PLACEHOLDERS = new Set(['null', 'none', 'nil', 'na', 'n a', 'unknown', 'not known', 'undefined', 'nan'])
