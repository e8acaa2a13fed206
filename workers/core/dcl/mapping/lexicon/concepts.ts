// What each concept is to the matcher. Field names in any language are read as sequences of
// concepts (see the word lists beside this file); two fields match when their concepts do. A
// concept's family says which others it excludes: two different members of one family name
// different data (billing vs shipping, owner vs creator, created vs updated, id vs name).

export type Family =
  | 'kind' // what the value is: id, name, email, amount, date...
  | 'entity' // which record it belongs to or points at: account, contact, deal...
  | 'role' // which of several: billing/shipping address, home/mobile phone
  | 'person' // which person: owner, creator, modifier
  | 'event' // which moment: created, updated, closed, last activity
  | 'derived' // a value computed from others: weighted, expected, annualized
  | 'system' // another system's key: external, ERP, a vendor's name
  | 'relation' // another record of the same kind: parent, related
  | 'polarity' // a flag's direction: opt-out vs opt-in
  | 'personname' // which part of a person's name
  | 'recency' // first vs last of several

export interface ConceptInfo {
  weight: number // importance when shared or missing: 1 distinctive, 0.5 generic, 0 filler
  family?: Family
  // How much less likely a field with this role is the one an unqualified field means: the main
  // address and the work phone are what "address" and "phone" mean, the shipping address is not.
  alternate?: number
  format?: boolean // says how a value is shown, not what it is (name, label, text)
  category?: boolean // a pick-list: `<concept>_id` is a code of it, not a reference
  usual?: boolean // what a plain field of its kind means: an invoice's plain date is its issue date
}

const kind = (weight: number, extra: Partial<ConceptInfo> = {}): ConceptInfo => ({ weight, family: 'kind', ...extra })
const of = (family: Family, weight: number, extra: Partial<ConceptInfo> = {}): ConceptInfo => ({
  weight,
  family,
  ...extra,
})
const cat = (weight = 1): ConceptInfo => ({ weight, family: 'kind', category: true })

// biome-ignore format: a table
export const CONCEPTS: Record<string, ConceptInfo> = {
  // kinds
  id: kind(0.5), reference: kind(0.8), number: kind(0.5), code: kind(0.5), key: kind(0.5),
  name: kind(0.5, { format: true }), label: kind(0.25, { format: true }), text: kind(0.2, { format: true }),
  value: kind(0.5, { format: true }), title: kind(0.8), job: kind(0.5), salutation: cat(),
  email: kind(1), phone: kind(1), fax: kind(1), url: kind(1), domain: kind(1), social: kind(1),
  address: kind(0.5), street: kind(1), housenumber: kind(1), city: kind(1), state: cat(), postcode: kind(1),
  country: cat(), county: kind(1), district: kind(1), latitude: kind(1), longitude: kind(1),
  currency: cat(), amount: kind(1), price: kind(1), cost: kind(1), revenue: kind(1), total: kind(0.7),
  subtotal: kind(1), tax: kind(1), discount: kind(1), balance: kind(1), fee: kind(1), budget: kind(1),
  count: kind(0.6), quantity: kind(1), probability: kind(1), percent: kind(0.6), rate: kind(0.7),
  time: kind(0.5), year: kind(0.8), month: kind(0.8), day: kind(0.8), age: kind(1), duration: kind(1),
  description: kind(1), note: kind(1), subject: kind(1),
  status: cat(0.8), stage: cat(), type: cat(0.5), category: cat(0.8), reason: cat(), rating: cat(), score: kind(1),
  priority: cat(), industry: cat(), leadsource: cat(), lifecycle: cat(), pipeline: cat(), segment: cat(),
  gender: cat(), language: cat(), timezone: cat(), race: cat(), ethnicity: cat(), marital: cat(), department: cat(),
  territory: cat(), region: cat(), channel: cat(), tier: cat(), unit: cat(), method: cat(), term: cat(),
  employee: kind(1), size: kind(1), taxid: kind(1), bankaccount: kind(1), ssn: kind(1), mrn: kind(1),
  active: kind(1), deleted: kind(1), archived: kind(1), flag: kind(0.3), tag: kind(1), version: kind(1),
  password: kind(1), username: kind(1), avatar: kind(1), locale: kind(1), source: kind(0.8), concept: kind(0.3),
  // entities (an own-entity word is dropped: `Account_Name` in accounts is the name)
  organization: of('entity', 1), person: of('entity', 1), contact: of('entity', 1), patient: of('entity', 1), lead: of('entity', 1), opportunity: of('entity', 1),
  invoice: of('entity', 1), order: of('entity', 1), product: of('entity', 1), item: of('entity', 0.8),
  transaction: of('entity', 1), subscription: of('entity', 1), vendor: of('entity', 1), ticket: of('entity', 1),
  campaign: of('entity', 1), quote: of('entity', 1), contract: of('entity', 1), project: of('entity', 1),
  encounter: of('entity', 1), provider: of('entity', 1), location: of('entity', 0.8), caresite: of('entity', 1),
  household: of('entity', 1), visit: of('entity', 1),
  // roles
  billing: of('role', 0.6), shipping: of('role', 0.6, { alternate: 0.3 }), mailing: of('role', 0.6),
  main: of('role', 0.3), work: of('role', 0.4), other: of('role', 0.6, { alternate: 0.35 }),
  home: of('role', 0.6, { alternate: 0.15 }), mobile: of('role', 0.8, { alternate: 0.3 }),
  registered: of('role', 0.4), physical: of('role', 0.4, { alternate: 0.1 }),
  // people
  owner: of('person', 1), creator: of('person', 1), modifier: of('person', 1), user: of('person', 0.8),
  assistant: of('person', 1), manager: of('person', 1), referrer: of('person', 1), closer: of('person', 1),
  approver: of('person', 1), practitioner: of('person', 1), emergency: of('person', 1), spouse: of('person', 1),
  // moments
  create: of('event', 0.8), update: of('event', 0.8), delete: of('event', 0.8), close: of('event', 1),
  won: of('event', 1), lost: of('event', 1), activity: of('event', 1), contacted: of('event', 1),
  birth: of('event', 1), death: of('event', 1), start: of('event', 1), end: of('event', 1), due: of('event', 1),
  paid: of('event', 1), sent: of('event', 1), signup: of('event', 1), login: of('event', 1), issue: of('event', 1, { usual: true }),
  cancel: of('event', 1), expire: of('event', 1), renew: of('event', 1), convert: of('event', 1),
  open: of('event', 1), ship: of('event', 1), deliver: of('event', 1), admit: of('event', 1),
  discharge: of('event', 1), sync: of('event', 1), import: of('event', 1), seen: of('event', 1), post: of('event', 1),
  // computed values
  expected: of('derived', 1), weighted: of('derived', 1), annualized: of('derived', 1), recurring: of('derived', 1),
  forecast: of('derived', 1), actual: of('derived', 1), estimated: of('derived', 0.3), average: of('derived', 1),
  cumulative: of('derived', 1), converted: of('derived', 1), net: of('derived', 1), gross: of('derived', 1),
  remaining: of('derived', 1), monthly: of('derived', 0.6), annual: of('derived', 0.4),
  // another system or record
  external: of('system', 1), legacy: of('system', 1), erp: of('system', 1), crm: of('system', 1),
  parent: of('relation', 1), child: of('relation', 1), related: of('relation', 1),
  master: of('relation', 1), merged: of('relation', 1), previous: of('relation', 1),
  // directions of a flag
  deny: of('polarity', 0.6), allow: of('polarity', 0.6),
  // parts of a person's name
  givenname: of('personname', 1), familyname: of('personname', 1), middlename: of('personname', 1),
  fullname: of('personname', 1), nickname: of('personname', 1), maidenname: of('personname', 1),
  first: of('recency', 0.6), last: of('recency', 0.1),
  // qualifiers without a family
  sales: { weight: 0.3 }, purchase: { weight: 0.3 }, marketing: { weight: 0.3 }, next: of('recency', 1), step: { weight: 1 }, payment: { weight: 0.6 }, business: { weight: 0.3 }, legal: { weight: 0.4 }, official: { weight: 0.3 },
  display: { weight: 0 }, role: { weight: 1 }, capacity: { weight: 1 }, raw: { weight: 0.1 }, original: { weight: 0.5 }, local: { weight: 0.5 },
}

// Vendors whose name before a field says the value is theirs (hubspot_id in an ERP table), unless
// the name prefixes many fields: then it is the source's own namespace (hs_*, hubspot_* in HubSpot).
export const VENDORS = new Set(
  'sap netsuite salesforce hubspot zoho dynamics stripe quickbooks xero shopify odoo pipedrive marketo intercom zendesk mailchimp sage workday'.split(
    ' ',
  ),
)
for (const v of VENDORS) CONCEPTS[v] = { weight: 1, family: 'system' }

// How a concept reads in evidence shown to a person.
// biome-ignore format: a table
const SHOWN: Record<string, string> = {
  organization: 'account', person: 'person', opportunity: 'deal', givenname: 'first name', familyname: 'last name',
  fullname: 'full name', middlename: 'middle name', maidenname: 'maiden name', postcode: 'postal code', time: 'date',
  create: 'created', update: 'updated', delete: 'deleted', leadsource: 'lead source', url: 'website',
  fulladdress: 'whole address', housenumber: 'house number', taxid: 'tax id', mrn: 'record number', creator: 'created by',
  modifier: 'modified by', deny: 'opt-out', allow: 'opt-in', caresite: 'care site', bankaccount: 'bank account',
}

/** The concept in words. */
export const showConcept = (concept: string) => SHOWN[concept] ?? concept

/** Entities that are people: a bare name in their schemas is a person's full name. */
export const isPersonEntity = (concept: string | undefined) =>
  concept === 'person' || concept === 'contact' || concept === 'patient'

/** Metadata of a concept; words outside the lexicon are distinctive and belong to no family. */
export function conceptInfo(concept: string): ConceptInfo {
  return CONCEPTS[concept] ?? { weight: 1 }
}

// Concepts that often name the same data. Sub-1 similarity means "may well be the same": it
// counts, but a match that rests on it is marked ambiguous.
// biome-ignore format: a table
const RELATED: ReadonlyArray<readonly [string, string, number]> = [
  ['status', 'stage', 0.75], ['value', 'amount', 0.85], ['price', 'amount', 0.6], ['total', 'amount', 0.7],
  ['revenue', 'amount', 0.5], ['note', 'description', 0.85], ['subject', 'description', 0.5],
  ['probability', 'percent', 0.7], ['rate', 'percent', 0.6], ['type', 'category', 0.7], ['segment', 'category', 0.6],
  ['url', 'domain', 0.6], ['user', 'owner', 0.8], ['lead', 'organization', 0.55], ['lead', 'person', 0.55], ['contact', 'person', 0.9], ['patient', 'person', 0.8], ['lead', 'contact', 0.55],
  ['count', 'number', 0.5], ['number', 'id', 0.5], ['count', 'quantity', 0.6], ['code', 'id', 0.5], ['reference', 'id', 0.6], ['reference', 'number', 0.6], ['key', 'id', 0.8],
  ['name', 'label', 0.9], ['name', 'title', 0.6], ['name', 'fullname', 0.8], ['region', 'state', 0.7],
  ['county', 'district', 0.6], ['close', 'won', 0.8], ['login', 'seen', 0.7], ['activity', 'contacted', 0.5],
  ['main', 'work', 0.9], ['main', 'registered', 0.9], ['main', 'billing', 0.7], ['main', 'mailing', 0.8], ['mailing', 'billing', 0.7],
  ['registered', 'billing', 0.7], ['main', 'physical', 0.7], ['mailing', 'home', 0.5],
  ['race', 'ethnicity', 0.4], ['job', 'title', 0.7], ['tax', 'taxid', 0.5], ['deleted', 'archived', 0.7],
  ['gender', 'salutation', 0.2], ['channel', 'leadsource', 0.7], ['source', 'leadsource', 0.75], ['step', 'stage', 0.5],
  ['practitioner', 'provider', 0.9], ['role', 'job', 0.6], ['signup', 'create', 0.7],
  ['pipeline', 'lifecycle', 0.6],
  ['username', 'email', 0.3], ['sales', 'owner', 0.3], ['post', 'issue', 0.6], ['remaining', 'due', 0.8], ['transaction', 'invoice', 0.7],
  ['transaction', 'order', 0.7],
]
const related = new Map<string, number>()
const neighbours = new Map<string, string[]>()
for (const [a, b, s] of RELATED) {
  related.set(`${a} ${b}`, s)
  related.set(`${b} ${a}`, s)
  neighbours.set(a, [...(neighbours.get(a) ?? []), b])
  neighbours.set(b, [...(neighbours.get(b) ?? []), a])
}

/** The concept and those related to it. */
export function relatedConcepts(concept: string): readonly string[] {
  return [concept, ...(neighbours.get(concept) ?? [])]
}

/** Similarity of two concepts: 1 the same, a fraction for related ones, 0 otherwise. */
export function conceptSimilarity(a: string, b: string): number {
  if (a === b) return 1
  return related.get(`${a} ${b}`) ?? 0
}
