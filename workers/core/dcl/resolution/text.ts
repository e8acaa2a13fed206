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

/** A whole number a spreadsheet or dataframe wrote as a decimal ("2261.0") back as written ("2261"). */
export function wholeNumber(raw: string): string {
  return raw.replace(/^\s*(\d+)\.0+\s*$/, '$1')
}

/** The words of a folded value. */
export function words(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ')
}

/** Whether a raw value says something: not null, blank, punctuation only or a placeholder ("N/A", "null"). */
export function isPresent(raw: string | null | undefined): raw is string {
  if (raw === null || raw === undefined) return false
  return !BLANK.test(raw) && raw.trim() !== 'NaN'
}

/**
 * What exports write where a value is missing (checked on the raw value: this runs for every field).
 * "Na" and "Nan" are names, so only "N/A" and "NaN" as spreadsheets write them count.
 */
const BLANK = /^[^\p{L}\p{N}]*(?:null|none|nil|n\W+a|unknown|not known|undefined)?[^\p{L}\p{N}]*$/iu
