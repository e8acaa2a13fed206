// Canonical field types. Each is a zod schema that first coerces a source value (CSV text, API
// JSON, Mongo extended JSON) to the canonical representation and then validates it, so one schema
// both maps source records and validates canonical events (coercing a canonical value is a no-op).
// Blank values (null, '', whitespace) become null: an optional field reads null as "the source has
// no value", a required field rejects it as missing.
import { z } from 'zod'
import { ejsonScalar, instantOf, temporalTypeOf } from '../ingest/classify-value.ts'

export function describeValue(v: unknown): string {
  if (v === undefined || v === null) return 'nothing'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
  if (typeof v === 'object') return 'an object'
  return `${typeof v} ${String(v)}`
}

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

const expected = (what: string) => ({
  error: (iss: { input?: unknown }) =>
    isBlank(iss.input) ? 'is required' : `expected ${what} (got ${describeValue(iss.input)})`,
})

/** Unwraps `{"$numberLong": "42"}` and friends so typed Mongo exports coerce like plain values. */
const unwrap = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (ejsonScalar(v)?.value ?? v) : v

const blankToNull =
  (coerce: (v: unknown) => unknown) =>
  (v: unknown): unknown => {
    const u = unwrap(v)
    return isBlank(u) ? null : coerce(u)
  }

function coerceText(v: unknown): unknown {
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  return v
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/ // 1,234,567.89

function coerceNumber(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v)
  if (typeof v !== 'string') return v
  // A currency sign and thousands separators are how spreadsheets export amounts.
  const s = v.trim().replace(/^([+-]?)[$€£¥]\s*/, '$1')
  if (DECIMAL.test(s)) return Number(s)
  if (GROUPED.test(s)) return Number(s.replaceAll(',', ''))
  return v
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1'])
const FALSE = new Set(['false', 'f', 'no', 'n', '0'])

function coerceBoolean(v: unknown): unknown {
  if (v === 1 || v === 0) return v === 1
  if (typeof v !== 'string') return v
  const s = v.trim().toLowerCase()
  return TRUE.has(s) ? true : FALSE.has(s) ? false : v
}

function coerceDate(v: unknown): unknown {
  if (typeof v !== 'string') return v
  const s = v.trim()
  const kind = temporalTypeOf(s)
  // The calendar date as the source wrote it, not shifted to UTC: a close date is a local day.
  return kind === 'date' || kind === 'timestamp' ? s.slice(0, 10) : v
}

function coerceTimestamp(v: unknown): unknown {
  let n: number | undefined
  if (typeof v === 'number' && Number.isFinite(v)) n = v
  else if (typeof v === 'string' && /^\d{1,15}$/.test(v.trim())) n = Number(v.trim())
  // Epoch numbers: below 1e11 they are seconds (1e11 s is the year 5138), above milliseconds.
  if (n !== undefined) return new Date(Math.abs(n) < 1e11 ? n * 1000 : n).toISOString()
  if (typeof v !== 'string') return v
  const s = v.trim()
  if (temporalTypeOf(s) === undefined) return v
  const t = instantOf(s) // a date is midnight UTC; a timestamp without a zone is read as UTC
  return Number.isNaN(t) ? v : new Date(t).toISOString()
}

function coerceDomain(v: unknown): unknown {
  if (typeof v !== 'string') return v
  return v
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '')
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/

const upper = (v: unknown) => {
  const t = coerceText(v)
  return typeof t === 'string' ? t.toUpperCase() : t
}
const lower = (v: unknown) => {
  const t = coerceText(v)
  return typeof t === 'string' ? t.toLowerCase() : t
}

/** Each kind: how a source value is coerced, then what the canonical value must be. */
const kinds = {
  id: {
    coerce: coerceText,
    schema: () => z.string(expected('an identifier')).max(255, 'is longer than 255 characters'),
  },
  text: { coerce: coerceText, schema: () => z.string(expected('text')).max(10_000, 'is longer than 10000 characters') },
  email: { coerce: lower, schema: () => z.email(expected('an email address')) },
  domain: {
    coerce: coerceDomain,
    schema: () => z.string(expected('a domain')).regex(HOSTNAME, 'is not a domain name'),
  },
  number: { coerce: coerceNumber, schema: () => z.number(expected('a number')) },
  count: {
    coerce: coerceNumber,
    schema: () => z.number(expected('a whole number')).int('must be a whole number').min(0, 'must not be negative'),
  },
  percent: {
    coerce: coerceNumber,
    schema: () => z.number(expected('a percentage')).min(0, 'must be 0 to 100').max(100, 'must be 0 to 100'),
  },
  currency: {
    coerce: upper,
    schema: () => z.string(expected('a currency code')).regex(/^[A-Z]{3}$/, 'is not an ISO 4217 currency code'),
  },
  boolean: { coerce: coerceBoolean, schema: () => z.boolean(expected('true or false')) },
  date: { coerce: coerceDate, schema: () => z.iso.date(expected('a date (YYYY-MM-DD)')) },
  timestamp: { coerce: coerceTimestamp, schema: () => z.iso.datetime(expected('an ISO 8601 timestamp')) },
}
type Kinds = typeof kinds
export type FieldKind = keyof Kinds
type Canonical<K extends FieldKind> = ReturnType<Kinds[K]['schema']>

/** A field the entity cannot exist without: blank is reported as missing. */
export function required<K extends FieldKind>(kind: K) {
  const k = kinds[kind]
  return z.preprocess(blankToNull(k.coerce), k.schema() as Canonical<K>)
}

/** A field that may be unmapped (absent from the event) or blank in the source (null). */
export function optional<K extends FieldKind>(kind: K) {
  const k = kinds[kind]
  return z.preprocess(blankToNull(k.coerce), (k.schema() as Canonical<K>).nullable()).optional()
}
