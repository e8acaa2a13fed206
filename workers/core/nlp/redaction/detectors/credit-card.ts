import { type PiiSpan, span } from '../pii-types.ts'
import { hasKeywordNear } from './context.ts'
import { luhnValid } from './luhn.ts'

// 12–19 digits (Maestro starts at 12, UnionPay and some Visa go to 19), written together or in groups
// of 4 (4-4-4-4, 4-4-4-4-3) or Amex/Diners style (4-6-5, 4-6-4), with one kind of separator.
const CANDIDATE = /(?<![\p{L}\p{N}_+.,/-])\d{4}(?:([ -]?)\d{4,6})(?:\1\d{1,5}){0,3}(?![\p{L}\p{N}_]|[.,/-]\d)/gu

const CARD_WORDS = new Set([
  'card',
  'cards',
  'credit',
  'debit',
  'visa',
  'mastercard',
  'amex',
  'maestro',
  'discover',
  'jcb',
  'diners',
  'unionpay',
  'cc',
  'pan',
])

/**
 * Issuer prefixes in use (ISO/IEC 7812): 1 (UATP, old JCB 1800), 2 (Mastercard 2221–2720, JCB 2131),
 * 3 (Amex, Diners, JCB), 4 (Visa), 5 (Mastercard, Maestro), 6 (Discover, Maestro, UnionPay, RuPay).
 * Numbers starting 7–9 or 0 are fuel, health, telecom and national schemes, not payment cards.
 */
const plausibleIssuer = (digits: string) => /^[1-6]/.test(digits)

/** Payment card numbers: the Luhn check must pass and the length and grouping must fit a card. */
export function detectCreditCards(text: string): PiiSpan[] {
  const out: PiiSpan[] = []
  for (const m of text.matchAll(CANDIDATE)) {
    const value = m[0]
    const digits = value.replace(/\D/g, '')
    if (digits.length < 12 || digits.length > 19) continue
    const groups = value.split(/[ -]/)
    if (groups.length > 1 && !validGrouping(groups.map((g) => g.length))) continue
    if (!luhnValid(digits) || /^(\d)\1+$/.test(digits)) continue
    const context = hasKeywordNear(text, m.index, m.index + value.length, CARD_WORDS, 50)
    if (!plausibleIssuer(digits) && !context) continue
    out.push(span(m.index, m.index + value.length, 'CREDIT_CARD', context ? 0.99 : 0.9))
  }
  return out
}

function validGrouping(lengths: number[]): boolean {
  const [first, ...rest] = lengths
  if (first !== 4) return false
  const key = lengths.join('-')
  if (key === '4-6-5' || key === '4-6-4') return true
  // 4-4-4-4, 4-4-4-4-3, 4-4-4-1..4 …: every group of four but possibly the last.
  return rest.slice(0, -1).every((n) => n === 4) && (rest.at(-1) ?? 0) >= 1 && (rest.at(-1) ?? 0) <= 4
}
