// The compared features, one per role, each with its levels' m and u. m is the share of true duplicates
// expected at a level (typos, missing words, formats that survive normalisation); u how often unrelated
// records agree that well. The u given here is a prior for populations of people and firms; weights.ts
// measures u on the data at hand and only leans on the prior where the data is small.
import {
  CODE_LEVELS,
  compareCodes,
  compareDates,
  compareEqual,
  compareNames,
  compareOrganisations,
  comparePhones,
  compareShortCodes,
  compareText,
  DATE_LEVELS,
  EQUAL_LEVELS,
  NAME_LEVELS,
  SHORT_CODE_LEVELS,
  TEXT_LEVELS,
} from './compare.ts'
import type { NameValue, PreparedRecord, TextValue } from './prepare.ts'

export type Level = { readonly name: string; readonly m: number; readonly u: number }

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
  /**
   * The value whose frequency sets u at the exact level (a common surname is weaker evidence); for a
   * unique identifier, the value counted to find placeholders.
   */
  frequencyKey?(r: PreparedRecord): string | undefined
}

type Getter<T> = (r: PreparedRecord) => T | undefined

type FeatureSpec<T> = Omit<Feature, 'levels' | 'has' | 'level' | 'crossLevel' | 'frequencyKey'> & {
  /** Level names of the comparator, with m and u per level in the same order. */
  levels: readonly string[]
  m: readonly number[]
  u: readonly number[]
  get: Getter<T>
  compare(a: T, b: T): number
  /** The partner field's getter, for swapped fields. */
  partner?: Getter<T>
  frequency?: (value: T) => string
}

function feature<T>(spec: FeatureSpec<T>): Feature {
  const { get, compare, partner, frequency, levels, m, u, ...rest } = spec
  const level = (x: T | undefined, y: T | undefined) => (x === undefined || y === undefined ? undefined : compare(x, y))
  return {
    ...rest,
    levels: levels.map((name, i) => ({ name, m: m[i] ?? 0, u: u[i] ?? 1 })),
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

const given: Getter<NameValue> = (r) => r.given
const family: Getter<NameValue> = (r) => r.family
const street: Getter<TextValue> = (r) => r.street
const addressLine: Getter<TextValue> = (r) => r.addressLine
const compact = (v: NameValue) => v.compact

// m: most duplicates agree exactly, a tenth carry a typo, a few have the value replaced outright.
const NAME_M = [0.8, 0.12, 0.03, 0.01, 0.04]
const TEXT_M = [0.75, 0.13, 0.04, 0.08]

/** Every feature the engine knows; a run uses those whose values its records carry. */
export const FEATURES: readonly Feature[] = [
  feature({
    name: 'given_name',
    levels: NAME_LEVELS,
    m: NAME_M,
    u: [0.004, 0.003, 0.005, 0.002, 0.986],
    get: given,
    partner: family,
    compare: compareNames,
    frequency: compact,
    swapGroup: 'person_name',
    identity: 'personal',
  }),
  feature({
    name: 'family_name',
    levels: NAME_LEVELS,
    m: NAME_M,
    u: [0.003, 0.001, 0.003, 0.001, 0.992],
    get: family,
    partner: given,
    compare: compareNames,
    frequency: compact,
    swapGroup: 'person_name',
  }),
  feature({
    name: 'birth_date',
    levels: DATE_LEVELS,
    m: [0.85, 0.01, 0.06, 0.02, 0.06],
    u: [4e-5, 1e-5, 6e-4, 3e-3, 0.996],
    get: (r) => r.birth,
    compare: compareDates,
    identity: 'personal',
  }),
  feature({
    name: 'national_id',
    levels: CODE_LEVELS,
    m: [0.88, 0.06, 0.01, 0.05],
    u: [1e-6, 2e-5, 2e-4, 0.99978],
    get: (r) => r.nationalId,
    compare: compareCodes,
    frequency: (v) => v,
    identity: 'unique',
  }),
  feature({
    name: 'street_number',
    levels: SHORT_CODE_LEVELS,
    m: [0.85, 0.07, 0.08],
    u: [0.01, 0.15, 0.84],
    get: (r) => r.streetNumber,
    compare: compareShortCodes,
    group: 'address',
  }),
  feature({
    name: 'street',
    levels: TEXT_LEVELS,
    m: TEXT_M,
    u: [5e-4, 3e-4, 2e-3, 0.9972],
    get: street,
    partner: addressLine,
    compare: compareText,
    swapGroup: 'address_lines',
    group: 'address',
  }),
  feature({
    name: 'address_line',
    levels: TEXT_LEVELS,
    m: TEXT_M,
    u: [3e-3, 0.02, 0.03, 0.947],
    get: addressLine,
    partner: street,
    compare: compareText,
    swapGroup: 'address_lines',
    group: 'address',
  }),
  feature({
    name: 'locality',
    levels: TEXT_LEVELS,
    m: TEXT_M,
    u: [2e-3, 5e-4, 3e-3, 0.9945],
    get: (r) => r.locality,
    compare: compareText,
    group: 'address',
  }),
  feature({
    name: 'postcode',
    levels: SHORT_CODE_LEVELS,
    m: [0.85, 0.07, 0.08],
    u: [2e-3, 0.01, 0.988],
    get: (r) => r.postcode,
    compare: compareShortCodes,
    group: 'address',
  }),
  feature({
    name: 'region',
    levels: EQUAL_LEVELS,
    m: [0.92, 0.08],
    u: [0.2, 0.8],
    get: (r) => r.region,
    compare: compareEqual,
    group: 'address',
  }),
  feature({
    name: 'email',
    levels: CODE_LEVELS,
    m: [0.85, 0.03, 0.01, 0.11],
    u: [1e-6, 1e-6, 1e-5, 0.99999],
    get: (r) => r.email?.address,
    compare: compareCodes,
  }),
  feature({
    name: 'phone',
    levels: SHORT_CODE_LEVELS,
    m: [0.8, 0.06, 0.14],
    u: [1e-6, 1e-5, 0.99999],
    get: (r) => r.phone,
    compare: comparePhones,
  }),
  feature({
    name: 'organisation_name',
    levels: TEXT_LEVELS,
    m: [0.7, 0.18, 0.06, 0.06],
    u: [2e-4, 2e-4, 2e-3, 0.9976],
    get: (r) => r.organisation,
    compare: compareOrganisations,
    frequency: compact,
  }),
  feature({
    name: 'web_domain',
    levels: EQUAL_LEVELS,
    m: [0.9, 0.1],
    u: [2e-4, 0.9998],
    get: (r) => r.domain,
    compare: compareEqual,
  }),
]
