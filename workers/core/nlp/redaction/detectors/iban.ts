import { type PiiSpan, span } from '../pii-types.ts'
import { IBAN_LENGTHS } from './iban-registry.ts'

/** ISO 7064 MOD 97-10 as ISO 13616 applies it: move the first four characters to the end, letters to 10–35. */
export function ibanChecksumValid(iban: string): boolean {
  const s = iban.toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false
  const rearranged = s.slice(4) + s.slice(0, 4)
  let remainder = 0
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0)
    const value = code >= 65 ? code - 55 : code - 48
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
  }
  return remainder === 1
}

// A country code and two check digits, then the BBAN: written together or in groups of four.
const START = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9])/gu

/** IBANs: known country, that country's exact length, and a valid check (mod 97 = 1). */
export function detectIbans(text: string): PiiSpan[] {
  const out: PiiSpan[] = []
  for (const m of text.matchAll(START)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()]
    if (!length) continue
    const found = readIban(text, m.index, length)
    if (found === null || !ibanChecksumValid(found.compact)) continue
    out.push(span(m.index, found.end, 'IBAN', 0.99))
  }
  return out
}

/**
 * Reads `length` alphanumerics from `start`, either contiguous or printed in groups of four separated by
 * single spaces (the paper format), and returns where the IBAN ends; null when the text does not hold one
 * there, or when it runs on into more letters or digits.
 */
function readIban(text: string, start: number, length: number): { compact: string; end: number } | null {
  let compact = ''
  let i = start
  const grouped = text[start + 4] === ' '
  while (compact.length < length && i < text.length) {
    const ch = text[i] as string
    if (/[A-Za-z0-9]/.test(ch)) {
      compact += ch
      i++
    } else if (ch === ' ' && grouped && compact.length % 4 === 0 && compact.length > 0) {
      i++
    } else {
      break
    }
  }
  if (compact.length !== length) return null
  if (/[\p{L}\p{N}_]/u.test(text[i] ?? ' ')) return null
  return { compact, end: i }
}
