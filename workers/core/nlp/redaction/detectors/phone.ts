import { fold } from '../person/fold.ts'
import { STREET_WORDS_AFTER, STREET_WORDS_BEFORE } from '../person/vocabulary.ts'
import { type PiiSpan, span } from '../pii-types.ts'
import { wordsAfter, wordsBefore } from './context.ts'

// A run of digit groups: an optional "+" (or 00) country prefix, groups of 1–15 digits or a bracketed area
// code, joined by one space, dot, dash or slash (or nothing, next to a bracket), and an optional extension.
// What the run means is decided by phoneScore, not by the pattern.
const SEP = String.raw`(?:[ \u00a0]?[-./\u2010\u2011\u2013][ \u00a0]?|[ \u00a0])`
const GROUP = String.raw`(?:\(\d{1,5}\)|\d{1,15})`
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_+\-.,/:#$€£¥])(?:\+[ \u00a0]?)?${GROUP}(?:(?:${SEP}|(?<=\))|(?=\())${GROUP}){0,7}` +
    String.raw`(?:[ \u00a0]?(?:x|ext\.?|extension)[ \u00a0]?\d{1,6})?(?![\p{L}\p{N}_]|[.,/:-]\d|[%€$£])`,
  'giu',
)

const PHONE_WORDS = new Set([
  'phone',
  'phones',
  'telephone',
  'tel',
  'tlf',
  'telefon',
  'mobile',
  'mob',
  'cell',
  'cellphone',
  'fax',
  'call',
  'called',
  'calling',
  'ring',
  'dial',
  'text',
  'sms',
  'message',
  'whatsapp',
  'signal',
  'reach',
  'contact',
  'number',
  'no',
  'nr',
  'hotline',
  'helpline',
  'landline',
  'line',
  'extension',
  'answering',
  'voicemail',
])
const NOT_PHONE_WORDS = new Set([
  'suite',
  'apt',
  'apartment',
  'unit',
  'box',
  'floor',
  'room',
  'order',
  'invoice',
  'account',
  'acct',
  'ref',
  'reference',
  'ticket',
  'case',
  'id',
  'zip',
  'postcode',
  'isbn',
  'page',
  'pages',
  'version',
  'year',
  'years',
  'km',
  'kg',
  'usd',
  'eur',
])

// A date written with one separator throughout: 2018-01-14, 14.01.2018, 1/14/18 (month 1–12 somewhere).
const DATE_ISO = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/
const DATE_DMY = /^(\d{1,2})([-./])(\d{1,2})\2(\d{2}|\d{4})$/
function isDate(value: string): boolean {
  const iso = DATE_ISO.exec(value)
  if (iso) return Number(iso[3]) >= 1 && Number(iso[3]) <= 12 && Number(iso[4]) >= 1 && Number(iso[4]) <= 31
  const dmy = DATE_DMY.exec(value)
  if (!dmy) return false
  const a = Number(dmy[1])
  const b = Number(dmy[3])
  return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12)
}
const YEAR_RANGE = /^(?:1[89]|20)\d\d ?[-/\u2013] ?(?:1[89]|20)\d\d$/

/**
 * How much a digit run looks like a telephone number, 0–1. The shapes of national plans (E.164: at most
 * 15 digits; national numbers of 7 or more) give the base; a "+" or bracketed area code, telephone words
 * nearby and phone-like grouping raise it; address, order and money words, dates, a capitalised word
 * straight after (a house number before its street) lower it.
 */
export function phoneScore(text: string, start: number, end: number): number {
  const value = text.slice(start, end)
  const main = value.replace(/[ \u00a0]?(?:x|ext\.?|extension)[ \u00a0]?\d{1,6}$/i, '')
  const digits = main.replace(/\D/g, '')
  const international = main.startsWith('+') || /^00[1-9]/.test(digits)
  if (digits.length < 7 || digits.length > 15) return 0
  if (international && digits.length < 8) return 0
  if (isDate(main) || YEAR_RANGE.test(main)) return 0
  // A dotted quad is an IP address (valid or not); AAA-GG-SSSS is a social security number's shape.
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(main) || /^\d{3}-\d{2}-\d{4}$/.test(main)) return 0
  const groups = main
    .replace(/^\+/, '')
    .split(/[^\d()]+|(?<=\))|(?=\()/)
    .filter(Boolean)
  const before = wordsBefore(text, start, 30)
  const after = wordsAfter(text, end, 20)
  const near = before.slice(-5)
  let score = 0.3
  if (international) score += 0.35
  if (/\(\d{1,5}\)/.test(main)) score += 0.25
  if (near.some((w) => PHONE_WORDS.has(w)) || after.slice(0, 2).some((w) => PHONE_WORDS.has(w))) score += 0.3
  if (groups.length === 1) {
    // One bare block of digits: E.164 after a "+"; else an id, an amount, a postcode … unless it is said
    // to be a number to call (a national number has 10 or 11 digits in most plans).
    if (!international) score -= digits.length >= 10 && digits.length <= 11 ? 0.1 : 0.3
  } else if (groups.every((g) => g.replace(/\D/g, '').length <= 8) && groups.length <= 6) {
    score += 0.2
  }
  if (near.slice(-2).some((w) => NOT_PHONE_WORDS.has(w))) score -= 0.4
  // "66029 138 Consul Place": a house number with its street after it.
  const next = text.slice(end, end + 40)
  const nextWord = /^[ \u00a0]+([\p{L}.]+)/u.exec(next)?.[1] ?? ''
  const streetAfter =
    STREET_WORDS_AFTER.has(fold(nextWord)) || STREET_WORDS_BEFORE.has(fold(nextWord.replace(/\.$/, '')))
  if (streetAfter) score -= 0.4
  else if (/^\p{Lu}\p{Ll}+/u.test(nextWord) && !near.some((w) => PHONE_WORDS.has(w))) score -= 0.35
  if (/^[ \u00a0]?(?:%|percent|per cent|million|billion|thousand)/i.test(next)) score = 0
  if (digits.length < 8 && !international && !near.some((w) => PHONE_WORDS.has(w)) && groups.length < 2) score -= 0.2
  return Math.max(0, Math.min(1, score))
}

/** Telephone numbers in national and international formats. */
export function detectPhones(text: string, threshold = 0.5): PiiSpan[] {
  const out: PiiSpan[] = []
  for (const m of text.matchAll(CANDIDATE)) {
    let start = m.index
    let value = m[0]
    // An opening bracket the pattern took for an area code but which never closes belongs to the sentence.
    if (value.startsWith('(') && !/^\(\d{1,5}\)/.test(value)) {
      start += 1
      value = value.slice(1)
    }
    const score = phoneScore(text, start, start + value.length)
    if (score >= threshold) out.push(span(start, start + value.length, 'PHONE', score))
  }
  return out
}
