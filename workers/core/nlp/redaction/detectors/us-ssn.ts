import { type PiiSpan, span } from '../pii-types.ts'
import { hasKeywordNear } from './context.ts'

const CANDIDATE = /(?<![\p{L}\p{N}_.-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[.-]\d)/gu
const SSN_WORDS = new Set(['ssn', 'ssns', 'social', 'security', 'ss', 'taxpayer', 'tin', 'itin'])

/**
 * Whether the SSA ever issues this number: area 000, 666 and 900–999 are never assigned, nor group 00
 * or serial 0000 (and 987-65-4320…4329 is reserved for advertising).
 */
export function ssnAssignable(area: string, group: string, serial: string): boolean {
  const a = Number(area)
  if (a === 0 || a === 666 || a >= 900) return false
  if (group === '00' || serial === '0000') return false
  if (area === '987' && group === '65' && /^432\d$/.test(serial)) return false
  return true
}

/**
 * US Social Security numbers. AAA-GG-SSSS is taken on its shape; with spaces or no separator at all
 * (nine bare digits could be anything) a nearby "SSN" / "social security" must say so.
 */
export function detectUsSsns(text: string): PiiSpan[] {
  const out: PiiSpan[] = []
  for (const m of text.matchAll(CANDIDATE)) {
    const [value, area, sep, group, serial] = m as unknown as [string, string, string, string, string]
    if (!ssnAssignable(area, group, serial)) continue
    const context = hasKeywordNear(text, m.index, m.index + value.length, SSN_WORDS, 40)
    if (sep !== '-' && !context) continue
    out.push(span(m.index, m.index + value.length, 'US_SSN', context ? 0.99 : 0.85))
  }
  return out
}
