// What the resolver knows about a record's fields: each field a source sends is declared with the role it
// plays, so one engine resolves people (names, birth date, national id, address) and organisations
// (name, web domain, email, phone, address) from whatever field names a source uses.

export const FIELD_ROLES = [
  'given_name',
  'family_name',
  /** A whole person name in one field ("Isaac Webb", "Webb, Isaac"). */
  'full_name',
  'birth_date',
  'national_id',
  'street_number',
  'street',
  /** A second address line: unit, building, estate. */
  'address_line',
  /** Suburb, town or city. */
  'locality',
  'postcode',
  /** State, territory or province. */
  'region',
  'email',
  'phone',
  'organisation_name',
  'web_domain',
] as const

export type FieldRole = (typeof FIELD_ROLES)[number]

/** Field name → role; fields not listed are ignored. */
export type FieldRoles = Readonly<Record<string, FieldRole>>

/** A record to resolve: an id unique within the run, the source it came from, and its raw field values. */
export type ResolutionRecord = {
  readonly id: string
  readonly source: string
  readonly fields: Readonly<Record<string, string | null | undefined>>
}

/** The roles of a person record in the shape the resolve eval and Febrl-style exports use. */
export const PERSON_FIELD_ROLES: FieldRoles = {
  first_name: 'given_name',
  given_name: 'given_name',
  last_name: 'family_name',
  surname: 'family_name',
  family_name: 'family_name',
  name: 'full_name',
  full_name: 'full_name',
  birthdate: 'birth_date',
  birth_date: 'birth_date',
  date_of_birth: 'birth_date',
  dob: 'birth_date',
  national_id: 'national_id',
  soc_sec_id: 'national_id',
  ssn: 'national_id',
  street_number: 'street_number',
  house_number: 'street_number',
  street: 'street',
  address_1: 'street',
  address_line1: 'street',
  address_line2: 'address_line',
  address_2: 'address_line',
  suburb: 'locality',
  city: 'locality',
  town: 'locality',
  postcode: 'postcode',
  zip: 'postcode',
  postal_code: 'postcode',
  state: 'region',
  region: 'region',
  province: 'region',
  email: 'email',
  phone: 'phone',
  phone_number: 'phone',
}

/** The roles of an account (company) record: the unified views resolve accounts by email or domain, then name + address. */
export const ACCOUNT_FIELD_ROLES: FieldRoles = {
  name: 'organisation_name',
  account_name: 'organisation_name',
  company: 'organisation_name',
  organisation: 'organisation_name',
  organization: 'organisation_name',
  website: 'web_domain',
  domain: 'web_domain',
  email: 'email',
  phone: 'phone',
  street: 'street',
  address: 'street',
  billing_street: 'street',
  city: 'locality',
  billing_city: 'locality',
  postcode: 'postcode',
  zip: 'postcode',
  billing_postal_code: 'postcode',
  state: 'region',
  billing_state: 'region',
}
