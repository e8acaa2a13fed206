// A record's fields, by role, in the normalised forms the blocking keys and comparisons use; computed once
// per record so each pair comparison only compares.
import {
  normalisePostcode,
  normaliseRegion,
  normaliseStreet,
  normaliseStreetNumber,
  splitHouseNumber,
  splitLocality,
} from './address.ts'
import { type NormalisedEmail, normaliseDomain, normaliseEmail, normalisePhone, organisationDomain } from './contact.ts'
import { type NormalisedDate, parseDate } from './dates.ts'
import type { SourceLayout } from './layout.ts'
import { organisationWords, personNameWords } from './names.ts'
import { nysiis, soundex } from './phonetic.ts'
import type { FieldRole, FieldRoles, ResolutionRecord } from './roles.ts'
import { isPresent, wholeNumber, words } from './text.ts'

/** Roles whose numbers a dataframe export may have written as decimals ("2261.0"). */
const CODE_ROLES = new Set<FieldRole>(['national_id', 'street_number', 'postcode', 'phone'])

/** Multi-word text: spaced, joined (typos split and join words) and as a word list. */
export type TextValue = { readonly text: string; readonly compact: string; readonly words: readonly string[] }

/** A name with its phonetic codes (of the joined spelling). */
export type NameValue = TextValue & { readonly nysiis: string; readonly soundex: string }

export type PreparedRecord = {
  readonly index: number
  readonly id: string
  readonly source: string
  readonly given?: NameValue
  readonly family?: NameValue
  readonly birth?: NormalisedDate
  readonly nationalId?: string
  readonly streetNumber?: string
  readonly street?: TextValue
  readonly addressLine?: TextValue
  readonly locality?: TextValue
  readonly postcode?: string
  readonly region?: string
  readonly email?: NormalisedEmail
  readonly phone?: string
  readonly organisation?: NameValue
  readonly domain?: string
}

const textValue = (wordList: readonly string[]): TextValue | undefined =>
  wordList.length === 0 ? undefined : { text: wordList.join(' '), compact: wordList.join(''), words: wordList }

const nameValue = (wordList: readonly string[]): NameValue | undefined => {
  const text = textValue(wordList)
  return text && { ...text, nysiis: nysiis(text.compact), soundex: soundex(text.compact) }
}

/** The first raw value of each role (a record rarely has two fields of one role; the first wins). */
function valuesByRole(record: ResolutionRecord, roles: FieldRoles): Map<FieldRole, string> {
  const byRole = new Map<FieldRole, string>()
  for (const [field, raw] of Object.entries(record.fields)) {
    const role = roles[field]
    if (role === undefined || byRole.has(role)) continue
    if (isPresent(raw)) byRole.set(role, raw)
  }
  return byRole
}

/**
 * Given and family name from the name fields; a full name ("Webb, Isaac" or "Isaac Webb") is split, also
 * where the source's layout puts whole names into one of the name fields.
 */
function names(byRole: Map<FieldRole, string>, layout: SourceLayout): { given?: NameValue; family?: NameValue } {
  let given = personNameWords(byRole.get('given_name') ?? '')
  let family = personNameWords(byRole.get('family_name') ?? '')
  const full =
    byRole.get('full_name') ??
    (layout.fullNameIn === 'given_name' && family.length === 0 ? byRole.get('given_name') : undefined) ??
    (layout.fullNameIn === 'family_name' && given.length === 0 ? byRole.get('family_name') : undefined)
  if (full !== undefined && (given.length === 0 || family.length === 0)) {
    const comma = full.indexOf(',')
    if (comma >= 0) {
      family = personNameWords(full.slice(0, comma))
      given = personNameWords(full.slice(comma + 1))
    } else {
      const all = personNameWords(full)
      family = all.slice(-1)
      given = all.slice(0, -1)
    }
  }
  const result: { given?: NameValue; family?: NameValue } = {}
  const g = nameValue(given)
  const f = nameValue(family)
  if (g) result.given = g
  if (f) result.family = f
  return result
}

/** `layout` is what the record's source is known to do (see layout.ts). */
export function prepareRecord(
  record: ResolutionRecord,
  index: number,
  roles: FieldRoles,
  layout: SourceLayout = {},
): PreparedRecord {
  const byRole = valuesByRole(record, roles)
  const get = (role: FieldRole) => {
    const raw = byRole.get(role)
    return raw === undefined ? undefined : CODE_ROLES.has(role) ? wholeNumber(raw) : raw
  }
  const prepared: { -readonly [K in keyof PreparedRecord]: PreparedRecord[K] } = {
    index,
    id: record.id,
    source: record.source,
    ...names(byRole, layout),
  }
  const birth = get('birth_date')
  if (birth !== undefined) {
    const date = parseDate(birth, { order: layout.dateOrder })
    if (date) prepared.birth = date
  }
  const id = get('national_id')
    ?.toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
  if (id) prepared.nationalId = id
  const split = splitHouseNumber(get('street') ?? '')
  const number = get('street_number') ?? split.number
  if (number !== undefined) prepared.streetNumber = normaliseStreetNumber(number)
  const street = textValue(words(normaliseStreet(split.street)))
  if (street) prepared.street = street
  const line = textValue(words(normaliseStreet(get('address_line') ?? '')))
  if (line) prepared.addressLine = line
  const place = splitLocality(get('locality') ?? '')
  const locality = textValue(words(normaliseStreet(place.locality)))
  if (locality) prepared.locality = locality
  const postcode = get('postcode') ?? place.postcode
  if (postcode !== undefined && normalisePostcode(postcode) !== '') prepared.postcode = normalisePostcode(postcode)
  const region = get('region') ?? place.region
  if (region !== undefined) prepared.region = normaliseRegion(region)
  const email = get('email')
  const normalisedEmail = email === undefined ? undefined : normaliseEmail(email)
  if (normalisedEmail) prepared.email = normalisedEmail
  const phone = get('phone')
  const normalisedPhone = phone === undefined ? undefined : normalisePhone(phone)
  if (normalisedPhone) prepared.phone = normalisedPhone
  const organisation = nameValue(organisationWords(get('organisation_name') ?? ''))
  if (organisation) prepared.organisation = organisation
  const site = get('web_domain')
  const domain = (site && normaliseDomain(site)) || (normalisedEmail && organisationDomain(normalisedEmail))
  if (domain) prepared.domain = domain
  return prepared
}
