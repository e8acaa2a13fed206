// What each canonical entity's unified view merges on. Accounts and contacts are resolved (keys first,
// then the resolution engine's fuzzy match); opportunities and generic records only ever merge with
// themselves: a deal or a row has no identity outside its source's id.
import { normaliseDomain, normaliseEmail, normalisePhone, organisationDomain } from '../resolution/contact.ts'
import { organisationWords, personNameWords } from '../resolution/names.ts'
import { ACCOUNT_FIELD_ROLES, type FieldRoles, PERSON_FIELD_ROLES } from '../resolution/roles.ts'
import { text } from './member.ts'

/**
 * A record's identity as the view reads it.
 * - `keys`: records sharing one are the same entity, unless a conflict says otherwise;
 * - `lookup`: `keys` plus weaker ones (a phone, a name's first word): the records an incremental refresh
 *   re-resolves together with a changed one, a superset of what the fuzzy match could merge it with;
 * - `conflicts`: per kind, values of which two clusters must share one to merge (two companies with
 *   different web domains stay two, however alike their names);
 * - `nameWords`: the words a fuzzy merge must agree on.
 */
export type Identity = {
  readonly keys: readonly string[]
  readonly lookup: readonly string[]
  readonly conflicts: Readonly<Record<string, readonly string[]>>
  readonly nameWords: readonly string[]
}

export type ViewProfile =
  | { readonly mode: 'source_id' }
  | {
      readonly mode: 'resolve'
      readonly roles: FieldRoles
      readonly identity: (data: Readonly<Record<string, unknown>>) => Identity
    }

const defined = <T>(values: readonly (T | undefined | null)[]) =>
  values.filter((v): v is T => v !== undefined && v !== null)

const emailOf = (data: Readonly<Record<string, unknown>>) => {
  const raw = text(data.email)
  return raw ? normaliseEmail(raw) : undefined
}

/** The last nine digits: enough to tell numbers apart, and blind to how a country code was written. */
const phoneKey = (data: Readonly<Record<string, unknown>>) => {
  const raw = text(data.phone)
  const digits = raw ? normalisePhone(raw) : undefined
  return digits ? [`phone:${digits.slice(-9)}`] : []
}

function accountIdentity(data: Readonly<Record<string, unknown>>): Identity {
  const email = emailOf(data)
  const webDomains = defined([text(data.domain), text(data.website)]).map(normaliseDomain)
  const domains = [...new Set(defined([...webDomains, email && organisationDomain(email)]))]
  const name = text(data.name)
  const nameWords = name ? organisationWords(name) : []
  // The whole distinctive name is a key ("ACME Corp." = "Acme Corporation", not "Acme Logistics").
  const keys = [
    ...domains.map((d) => `domain:${d}`),
    ...(email ? [`email:${email.address}`] : []),
    ...(nameWords.length > 0 ? [`name:${nameWords.join(' ')}`] : []),
  ]
  const lookup = [...keys, ...phoneKey(data), ...nameWords.slice(0, 1).map((w) => `word:${w}`)]
  return { keys, lookup, conflicts: { domain: domains }, nameWords }
}

function contactIdentity(data: Readonly<Record<string, unknown>>): Identity {
  const email = emailOf(data)
  const family = personNameWords(text(data.last_name) ?? '')
  const given = personNameWords(text(data.first_name) ?? '')
  // Only an email is a key for people: a phone may be a switchboard, a name is shared.
  const keys = email ? [`email:${email.address}`] : []
  const lookup = [...keys, ...phoneKey(data), ...(family.length > 0 ? [`family:${family.join(' ')}`] : [])]
  return { keys, lookup, conflicts: { email: email ? [email.address] : [] }, nameWords: [...given, ...family] }
}

export const VIEW_PROFILES: Readonly<Record<string, ViewProfile>> = {
  account: { mode: 'resolve', roles: ACCOUNT_FIELD_ROLES, identity: accountIdentity },
  contact: { mode: 'resolve', roles: PERSON_FIELD_ROLES, identity: contactIdentity },
  opportunity: { mode: 'source_id' },
  record: { mode: 'source_id' },
}

/** The profile of an entity; one without its own is keyed by source id. */
export const viewProfile = (entity: string): ViewProfile => VIEW_PROFILES[entity] ?? { mode: 'source_id' }
