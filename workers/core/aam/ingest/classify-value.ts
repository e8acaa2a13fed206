// The field type of one value, for schema inference. Text sources (CSV) carry every value as a
// string, so the type is read from its spelling; typed documents (JSON, Mongo extended JSON) carry
// their own scalar types, and only ISO dates hidden in strings are recognised. Detection is
// conservative: a value is only typed when converting it would lose nothing a user cares about.
import type { FieldType } from '../schema-snapshot.ts'
import type { ValueFormat } from './parsed-rows.ts'

// No leading zeros: "02139" is a ZIP code or an identifier, not the number 2139.
const INTEGER = /^[+-]?(?:0|[1-9]\d*)$/
const DECIMAL = /^[+-]?(?:(?:0|[1-9]\d*)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// RFC 3339 / ISO 8601 extended format; a space for the T is common in database exports.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function validDate(y: number, m: number, d: number): boolean {
  const days = DAYS_IN_MONTH[m - 1]
  if (days === undefined || d < 1 || d > days) return false
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))
}

/** 'date', 'timestamp' or undefined for a string that is not an ISO calendar date or instant. */
export function temporalTypeOf(s: string): 'date' | 'timestamp' | undefined {
  if (s.length < 10 || s.length > 40) return undefined
  const c = s.charCodeAt(0)
  if (c < 48 || c > 57) return undefined
  let m = DATE.exec(s)
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3])) ? 'date' : undefined
  m = TIMESTAMP.exec(s)
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6] ?? 0) <= 60 ? 'timestamp' : undefined
}

/** Epoch milliseconds of an ISO date or timestamp; a timestamp without a zone is read as UTC. */
export function instantOf(s: string): number {
  if (s.length === 10) return Date.parse(s) // a date-only form is UTC by definition
  const time = s.slice(11).toUpperCase()
  const zone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.exec(time)?.[0]
  // Date.parse only accepts the `±hh:mm` zone form and reads a missing zone as local time.
  const fixed =
    zone === undefined
      ? `${time}Z`
      : zone.length === 3
        ? `${time}:00`
        : zone.length === 5
          ? `${time.slice(0, -2)}:${time.slice(-2)}`
          : time
  return Date.parse(`${s.slice(0, 10)}T${fixed}`)
}

/** The type a text value spells, or null for the empty string (CSV has no other null). */
export function classifyText(s: string): FieldType | null {
  if (s === '') return null
  const c = s.charCodeAt(0)
  // Cheap first-character dispatch: most strings are rejected without running a regex.
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (INTEGER.test(s)) return Number.isSafeInteger(Number(s)) ? 'integer' : 'string'
    if (DECIMAL.test(s)) return Number.isFinite(Number(s)) ? 'number' : 'string'
    return temporalTypeOf(s) ?? 'string'
  }
  if (s.length === 4 || s.length === 5) {
    // Only true/false: yes/no, y/n or 0/1 columns are as often enumerations or counts.
    const lower = s.toLowerCase()
    if (lower === 'true' || lower === 'false') return 'boolean'
  }
  return 'string'
}

const EJSON_TYPES: Readonly<Record<string, FieldType>> = {
  $date: 'timestamp',
  $oid: 'string',
  $numberLong: 'integer',
  $numberInt: 'integer',
  $numberDouble: 'number',
  $numberDecimal: 'number',
}

/** The scalar wrapped by a Mongo extended-JSON object (`{"$date": ...}`), or undefined. */
export function ejsonScalar(value: object): { type: FieldType; value: unknown } | undefined {
  const keys = Object.keys(value)
  const key = keys[0]
  if (keys.length !== 1 || key === undefined || !key.startsWith('$')) return undefined
  const type = EJSON_TYPES[key]
  if (type === undefined) return undefined
  let inner = (value as Record<string, unknown>)[key]
  // Canonical EJSON nests the date once more: {"$date": {"$numberLong": "1700000000000"}}.
  if (inner !== null && typeof inner === 'object') inner = ejsonScalar(inner)?.value
  return { type, value: inner }
}

/** The type of a value as found in a record; null for a missing value. */
export function classifyValue(value: unknown, format: ValueFormat): FieldType | null {
  switch (typeof value) {
    case 'string':
      if (format === 'text') return classifyText(value)
      return temporalTypeOf(value) ?? 'string'
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number'
    case 'bigint':
      return 'integer'
    case 'boolean':
      return 'boolean'
    case 'object':
      if (value === null) return null
      if (Array.isArray(value)) return 'array'
      return ejsonScalar(value)?.type ?? 'object'
    default:
      return null
  }
}
