// What a field's sample values look like: emails, phones, URLs, ids, currency and country codes,
// postcodes, dates, epochs, percentages, names of people or companies, street lines. A field's
// samples are summarised as the share of each kind, so one odd value does not decide.
import {
  COMPANY_WORDS,
  COUNTRY_CODES_2,
  COUNTRY_CODES_3,
  COUNTRY_NAMES,
  CURRENCIES,
  GENDER_WORDS,
  REGION_CODES,
  STREET_WORDS,
} from './reference-values.ts'

export type ValueKind =
  | 'boolean'
  | 'email'
  | 'url'
  | 'domain'
  | 'phone'
  | 'uuid'
  | 'prefixed_id'
  | 'numeric_id'
  | 'code'
  | 'digits' // a short run of digits: a postcode or a small id
  | 'currency'
  | 'country'
  | 'code2' // two capital letters: a country or a region
  | 'region'
  | 'postcode'
  | 'date'
  | 'timestamp'
  | 'epoch'
  | 'fraction'
  | 'percent'
  | 'integer'
  | 'decimal'
  | 'person_name'
  | 'company_name'
  | 'street'
  | 'full_address'
  | 'words'
  | 'enum'
  | 'text'
  | 'language'
  | 'timezone'
  | 'gender'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URL_RE = /^(https?:\/\/|www\.)\S+$/i
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,12}$/i
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const DMY = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/
const DMY_TIME = /^\d{1,2}[./-]\d{1,2}[./-]\d{4}[ T]\d{1,2}:\d{2}/
const NUMERIC = /^[+-]?(\d+[.,]?\d*|[.,]\d+)$/
const PHONE = /^\+?[\d\s().\-/]{7,}$/
const POSTCODES = [
  /^\d{5}(-\d{4})?$/, // US, DE, FR, ES, IT
  /^\d{4}$/, // NL digits, BE, AT, CH, DK, AU
  /^\d{4}\s?[A-Z]{2}$/i, // NL
  /^[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}$/i, // UK
  /^[A-Z]\d[A-Z]\s?\d[A-Z]\d$/i, // CA
  /^\d{5}-\d{3}$/, // BR
  /^\d{4}-\d{3}$/, // PT
  /^\d{2}-\d{3}$/, // PL
]
const PREFIXED_ID = /^[a-z]{2,10}_[A-Za-z0-9]{4,}$/
const CODE = /^(?=.*\d)[A-Za-z0-9]+(?:[-_/.][A-Za-z0-9]+)+$|^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{4,20}$/
const MIXED_ID = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{12,}$/
const LANGUAGE = /^[a-z]{2}(?:[-_][A-Z]{2})?$/
const TIMEZONE =
  /^(?:[A-Z][a-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?|UTC|GMT|[A-Z][a-z]+ Time(?: \(.+\))?|(?:UTC|GMT)[+-]\d{1,2}(?::\d{2})?)$/
const CAPITALISED = /^\p{Lu}[\p{L}'’-]*\.?$/u
const ENUM = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/

const foldValue = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()

function looksLikeStreet(s: string): boolean {
  if (!/\d/.test(s)) return false
  const words = foldValue(s).split(/[\s,]+/)
  if (words.some((w) => STREET_WORDS.has(w) || /(strasse|str\.|weg|straat|laan)$/.test(w))) return true
  // "221B Baker Street", "Am Hafen 12": a house number before or after a few words.
  if (/^\d+[a-z]?\s+\p{L}/iu.test(s)) return words.length <= 6
  return words.length <= 3 && /^\p{Lu}[\p{L} .'-]*\s\d{1,3}[a-z]?$/u.test(s)
}

function numberKind(n: number): ValueKind {
  if (Number.isInteger(n)) {
    if ((n >= 9.5e8 && n < 4.2e9) || (n >= 9.5e11 && n < 4.2e12)) return 'epoch'
    if (n >= 0 && n <= 100) return 'percent'
    if (Math.abs(n) >= 1e7) return 'numeric_id'
    return 'integer'
  }
  if (n > 0 && n < 1) return 'fraction'
  return 'decimal'
}

/** The kind of one sample value, or undefined for null and empty values. */
export function valueKind(v: unknown): ValueKind | undefined {
  if (v === null || v === undefined) return undefined
  if (typeof v === 'boolean') return 'boolean'
  if (typeof v === 'number') return numberKind(v)
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  if (s === '') return undefined
  const f = foldValue(s)
  if (/^(true|false|yes|no|y|n|ja|nein|oui|non|si|sim|nao)$/.test(f)) return 'boolean'
  if (EMAIL.test(s)) return 'email'
  if (URL_RE.test(s)) return 'url'
  if (UUID.test(s)) return 'uuid'
  if (ISO_TIME.test(s) || DMY_TIME.test(s)) return 'timestamp'
  if (ISO_DATE.test(s) || DMY.test(s)) return 'date'
  if (NUMERIC.test(s)) return /^\d{3,6}$/.test(s) ? 'digits' : numberKind(Number(s.replace(',', '.')))
  if (POSTCODES.some((p) => p.test(s)) && /\d/.test(s)) return 'postcode'
  if (PHONE.test(s) && s.replace(/\D/g, '').length >= 7 && /[\s()+-]/.test(s)) return 'phone'
  if (/^[A-Z]{3}$/.test(s) && CURRENCIES.has(s) && !COUNTRY_CODES_3.has(s)) return 'currency'
  if (/^[A-Z]{3}$/.test(s) && COUNTRY_CODES_3.has(s)) return 'country'
  if (/^[A-Z]{2}$/.test(s) && (COUNTRY_CODES_2.has(s) || REGION_CODES.has(s))) return 'code2'
  if (COUNTRY_NAMES.has(f)) return 'country'
  if (GENDER_WORDS.has(f)) return 'gender'
  if (LANGUAGE.test(s)) return 'language'
  if (TIMEZONE.test(s)) return 'timezone'
  if (PREFIXED_ID.test(s) || MIXED_ID.test(s)) return 'prefixed_id'
  if (DOMAIN.test(s) && !/\s/.test(s)) return 'domain'
  if (CODE.test(s) && s.length <= 24 && !/\s/.test(s)) return 'code'
  if (looksLikeStreet(s)) {
    // A whole address: several lines, or a part with a postcode and a place ("Via Roma 3, 40121 Bologna");
    // "Rua das Flores, 120" is a street with its house number.
    const parts = s
      .split(/,|\n/)
      .map((p) => p.trim())
      .filter(Boolean)
    const placed = parts.slice(1).some((p) => /\d{4,}|[A-Z]\d[A-Z\d]?\s?\d[A-Z]{2}/i.test(p) && /\p{L}{2,}/u.test(p))
    return s.includes('\n') || parts.length >= 3 || placed ? 'full_address' : 'street'
  }
  const words = s.split(/\s+/)
  if (words.length >= 2 && COMPANY_WORDS.has(foldValue(words[words.length - 1] ?? ''))) return 'company_name'
  if (words.length >= 5 || s.length > 40) return 'text'
  if (words.every((w) => CAPITALISED.test(w))) {
    return words.length >= 2 && words.length <= 3 && !/\d/.test(s) ? 'person_name' : 'words'
  }
  if (ENUM.test(s)) return 'enum'
  return 'words'
}

export interface SampleSummary {
  count: number // non-empty samples
  shares: ReadonlyMap<ValueKind, number>
  dominant?: ValueKind // a kind at least 60% of the samples share
  min?: number // numeric samples
  max?: number
  allIntegers: boolean
}

// Kinds a field's samples may mix without changing what the field is.
const MERGE: Partial<Record<ValueKind, ValueKind>> = { person_name: 'words', code2: 'country', domain: 'url' }

export function summarizeSamples(samples: readonly unknown[] | undefined): SampleSummary | null {
  if (!samples || samples.length === 0) return null
  const counts = new Map<ValueKind, number>()
  let count = 0
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let allIntegers = true
  let numeric = 0
  for (const v of samples.slice(0, 50)) {
    const kind = valueKind(v)
    if (!kind) continue
    count++
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
    const n = typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v.trim()) ? Number(v) : Number.NaN
    if (Number.isFinite(n)) {
      numeric++
      min = Math.min(min, n)
      max = Math.max(max, n)
      if (!Number.isInteger(n)) allIntegers = false
    }
  }
  if (count === 0) return null
  const shares = new Map([...counts].map(([k, n]) => [k, n / count]))
  let dominant: ValueKind | undefined
  for (const [k, s] of shares) if (s >= 0.6 && (!dominant || s > (shares.get(dominant) ?? 0))) dominant = k
  if (!dominant) {
    // Mixed but compatible kinds: "Jane Doe" and "Marcus" are both names.
    const merged = new Map<ValueKind, number>()
    for (const [k, s] of shares) merged.set(MERGE[k] ?? k, (merged.get(MERGE[k] ?? k) ?? 0) + s)
    for (const [k, s] of merged) if (s >= 0.6) dominant = k
  }
  return {
    count,
    shares,
    ...(dominant ? { dominant } : {}),
    ...(numeric > 0 ? { min, max } : {}),
    allIntegers: numeric > 0 && allIntegers,
  }
}
