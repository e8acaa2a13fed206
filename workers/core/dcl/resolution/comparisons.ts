// How two values of one role agree, as a level from "exact" down to "different". Each feature declares
// its levels with m, the share of true duplicates expected at that level (typos, missing words, formats
// that survive normalisation); the other half of the evidence, u (how often unrelated records agree that
// well), is measured on the data at hand (weights.ts).
import type { NormalisedDate } from './dates.ts'
import { sameNameVariants } from './nicknames.ts'
import type { NameValue, PreparedRecord, TextValue } from './prepare.ts'
import { editDistance, jaroWinkler, tokenSetSimilarity } from './similarity.ts'

export type Level = { readonly name: string; readonly m: number }

/** One compared role. Levels run from the strongest agreement to "different" (always last). */
export type Feature = {
  readonly name: string
  readonly levels: readonly Level[]
  /** Whether the record carries this feature's value. */
  has(r: PreparedRecord): boolean
  /** Level of agreement between the two records, undefined when either lacks the value. */
  level(a: PreparedRecord, b: PreparedRecord): number | undefined
  /** Level with this feature's value on `a` against the partner field's on `b` (see `swapGroup`). */
  crossLevel?(a: PreparedRecord, b: PreparedRecord): number | undefined
  /** Features one source may write into each other's fields (first and last name): scored both ways, best kept. */
  readonly swapGroup?: string
  /**
   * Features that agree or differ together (the parts of an address move together): their summed
   * evidence is capped both ways, so one move or one shared household does not count six times.
   */
  readonly group?: 'address'
  /**
   * What the value says about identity. Two `personal` or `unique` features at "different" mean two
   * people whatever else agrees (twins share all but first name and id; a father and son all but birth
   * date and id), unless a `unique` one (held by one person only) agrees to within a typo.
   */
  readonly identity?: 'personal' | 'unique'
  /** The value whose frequency sets u at the exact level (a common surname is weaker evidence). */
  frequencyKey?(r: PreparedRecord): string | undefined
}

type Getter<T> = (r: PreparedRecord) => T | undefined

type FeatureSpec<T> = Omit<Feature, 'has' | 'level' | 'crossLevel' | 'frequencyKey'> & {
  get: Getter<T>
  compare(a: T, b: T): number
  /** The partner field's getter, for swapped fields. */
  partner?: Getter<T>
  frequency?: (value: T) => string
}

function feature<T>(spec: FeatureSpec<T>): Feature {
  const { get, compare, partner, frequency, ...rest } = spec
  const level = (x: T | undefined, y: T | undefined) => (x === undefined || y === undefined ? undefined : compare(x, y))
  return {
    ...rest,
    has: (r) => get(r) !== undefined,
    level: (a, b) => level(get(a), get(b)),
    ...(partner ? { crossLevel: (a: PreparedRecord, b: PreparedRecord) => level(get(a), partner(b)) } : {}),
    ...(frequency
      ? {
          frequencyKey: (r: PreparedRecord) => {
            const v = get(r)
            return v === undefined ? undefined : frequency(v)
          },
        }
      : {}),
  }
}

// ── names ──────────────────────────────────────────────────────────────────────────────────────────

const NAME_LEVELS: readonly Level[] = [
  { name: 'exact', m: 0.8 },
  { name: 'close', m: 0.12 },
  { name: 'similar', m: 0.03 },
  { name: 'initial', m: 0.01 },
  { name: 'different', m: 0.04 },
]

/** exact, close (one typo, a nickname, a middle name more), similar (sounds alike), an initial, different. */
export function compareNames(a: NameValue, b: NameValue): number {
  if (a.compact === b.compact) return 0
  const short = a.compact.length <= b.compact.length ? a : b
  const long = short === a ? b : a
  const jw = jaroWinkler(a.compact, b.compact)
  if (
    jw >= 0.92 ||
    (short.compact.length >= 3 && editDistance(a.compact, b.compact, 1) <= 1) ||
    sameNameVariants(a.words[0] ?? '', b.words[0] ?? '') ||
    (short.words.length < long.words.length && short.words.every((w) => long.words.includes(w)))
  )
    return 1
  if (short.compact.length === 1) return long.compact.startsWith(short.compact) ? 3 : 4
  if (jw >= 0.82 || a.nysiis === b.nysiis || (a.soundex === b.soundex && jw >= 0.7)) return 2
  return 4
}

// ── dates and identifiers ──────────────────────────────────────────────────────────────────────────

const DATE_LEVELS: readonly Level[] = [
  { name: 'exact', m: 0.85 },
  { name: 'day-month swapped', m: 0.01 },
  { name: 'one digit', m: 0.06 },
  { name: 'two of three parts', m: 0.02 },
  { name: 'different', m: 0.06 },
]

function compareReadings(x: string, y: string): number {
  if (x === y) return 0
  const [yx, mx, dx] = [x.slice(0, 4), x.slice(4, 6), x.slice(6, 8)]
  const [yy, my, dy] = [y.slice(0, 4), y.slice(4, 6), y.slice(6, 8)]
  if (yx === yy && mx === dy && dx === my) return 1
  if (editDistance(x, y, 1) <= 1) return 2
  if (Number(yx === yy) + Number(mx === my) + Number(dx === dy) >= 2) return 3
  return 4
}

/** The best agreement over the readings of each date (an ambiguous 03/04 agrees with either). */
export function compareDates(a: NormalisedDate, b: NormalisedDate): number {
  let best = 4
  for (const x of a.readings) for (const y of b.readings) best = Math.min(best, compareReadings(x, y))
  return best
}

const CODE_LEVELS: readonly Level[] = [
  { name: 'exact', m: 0.88 },
  { name: 'one edit', m: 0.06 },
  { name: 'two edits', m: 0.01 },
  { name: 'different', m: 0.05 },
]

/** Identifiers and codes: exact, one or two typos (a transposition is one), different. */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0
  const d = editDistance(a, b, 2)
  if (d <= 1 && Math.min(a.length, b.length) >= 2) return 1
  if (d <= 2 && Math.min(a.length, b.length) >= 6) return 2
  return 3
}

// ── address ────────────────────────────────────────────────────────────────────────────────────────

const TEXT_LEVELS: readonly Level[] = [
  { name: 'exact', m: 0.75 },
  { name: 'close', m: 0.13 },
  { name: 'similar', m: 0.04 },
  { name: 'different', m: 0.08 },
]

/** Multi-word text (street, suburb, address line): typos, split and joined words, reordered words. */
export function compareText(a: TextValue, b: TextValue): number {
  if (a.compact === b.compact) return 0
  const jw = jaroWinkler(a.compact, b.compact)
  if (jw >= 0.93 || editDistance(a.compact, b.compact, 1) <= 1) return 1
  if (jw >= 0.85 || tokenSetSimilarity(a.words, b.words) >= 0.9) return 2
  return 3
}

const SHORT_CODE_LEVELS: readonly Level[] = [
  { name: 'exact', m: 0.85 },
  { name: 'one edit', m: 0.07 },
  { name: 'different', m: 0.08 },
]

/** Short codes (house numbers, postcodes): exact, one typo, different. */
export function compareShortCodes(a: string, b: string): number {
  if (a === b) return 0
  return editDistance(a, b, 1) <= 1 ? 1 : 2
}

const EQUAL_LEVELS: readonly Level[] = [
  { name: 'exact', m: 0.92 },
  { name: 'different', m: 0.08 },
]

const compareEqual = (a: string, b: string) => (a === b ? 0 : 1)

// ── contact and organisation ───────────────────────────────────────────────────────────────────────

/** Phone numbers: the same line (last 9 digits agree, so a country or trunk prefix does not matter), different. */
function comparePhones(a: string, b: string): number {
  const n = Math.min(9, a.length, b.length)
  return a.slice(-n) === b.slice(-n) ? 0 : editDistance(a.slice(-n), b.slice(-n), 1) <= 1 ? 1 : 2
}

const ORGANISATION_LEVELS: readonly Level[] = [
  { name: 'exact', m: 0.7 },
  { name: 'close', m: 0.18 },
  { name: 'similar', m: 0.06 },
  { name: 'different', m: 0.06 },
]

/** Organisation names: exact, close (typo, words reordered), similar (most words shared), different. */
function compareOrganisations(a: NameValue, b: NameValue): number {
  if (a.compact === b.compact) return 0
  const tokens = tokenSetSimilarity(a.words, b.words)
  if (jaroWinkler(a.compact, b.compact) >= 0.94 || (tokens >= 0.95 && Math.abs(a.words.length - b.words.length) <= 1))
    return 1
  if (tokens >= 0.75) return 2
  return 3
}

// ── the features ───────────────────────────────────────────────────────────────────────────────────

const given: Getter<NameValue> = (r) => r.given
const family: Getter<NameValue> = (r) => r.family
const street: Getter<TextValue> = (r) => r.street
const addressLine: Getter<TextValue> = (r) => r.addressLine

/** Every feature the engine knows; a run uses those whose values its records carry. */
export const FEATURES: readonly Feature[] = [
  feature({
    name: 'given_name',
    levels: NAME_LEVELS,
    get: given,
    partner: family,
    compare: compareNames,
    frequency: (v) => v.compact,
    swapGroup: 'person_name',
    identity: 'personal',
  }),
  feature({
    name: 'family_name',
    levels: NAME_LEVELS,
    get: family,
    partner: given,
    compare: compareNames,
    frequency: (v) => v.compact,
    swapGroup: 'person_name',
  }),
  feature({
    name: 'birth_date',
    levels: DATE_LEVELS,
    get: (r) => r.birth,
    compare: compareDates,
    identity: 'personal',
  }),
  feature({
    name: 'national_id',
    levels: CODE_LEVELS,
    get: (r) => r.nationalId,
    compare: compareCodes,
    identity: 'unique',
  }),
  feature({
    name: 'street_number',
    levels: SHORT_CODE_LEVELS,
    get: (r) => r.streetNumber,
    compare: compareShortCodes,
    group: 'address',
  }),
  feature({
    name: 'street',
    levels: TEXT_LEVELS,
    get: street,
    partner: addressLine,
    compare: compareText,
    swapGroup: 'address_lines',
    group: 'address',
  }),
  feature({
    name: 'address_line',
    levels: TEXT_LEVELS,
    get: addressLine,
    partner: street,
    compare: compareText,
    swapGroup: 'address_lines',
    group: 'address',
  }),
  feature({
    name: 'locality',
    levels: TEXT_LEVELS,
    get: (r) => r.locality,
    compare: compareText,
    group: 'address',
  }),
  feature({
    name: 'postcode',
    levels: SHORT_CODE_LEVELS,
    get: (r) => r.postcode,
    compare: compareShortCodes,
    group: 'address',
  }),
  feature({
    name: 'region',
    levels: EQUAL_LEVELS,
    get: (r) => r.region,
    compare: compareEqual,
    group: 'address',
  }),
  feature({
    name: 'email',
    levels: CODE_LEVELS,
    get: (r) => r.email?.address,
    compare: compareCodes,
  }),
  feature({
    name: 'phone',
    levels: [
      { name: 'exact', m: 0.8 },
      { name: 'one edit', m: 0.06 },
      { name: 'different', m: 0.14 },
    ],
    get: (r) => r.phone,
    compare: comparePhones,
  }),
  feature({
    name: 'organisation_name',
    levels: ORGANISATION_LEVELS,
    get: (r) => r.organisation,
    compare: compareOrganisations,
    frequency: (v) => v.compact,
  }),
  feature({
    name: 'web_domain',
    levels: [
      { name: 'exact', m: 0.9 },
      { name: 'different', m: 0.1 },
    ],
    get: (r) => r.domain,
    compare: compareEqual,
  }),
]
