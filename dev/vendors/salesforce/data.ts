import { createHash } from 'node:crypto'

/** Schema, record helpers and deterministic seed data for the Salesforce stand-in (server.ts). */

export const FIELD_TYPES = [
  'id',
  'string',
  'reference',
  'currency',
  'double',
  'int',
  'percent',
  'date',
  'datetime',
  'boolean',
  'phone',
  'url',
  'email',
  'picklist',
  'textarea',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]
export type SfValue = string | number | boolean | null
export type SfRecord = Record<string, SfValue>
/** A record as the API sends it, with its `attributes`. */
export type ApiRecord = Record<string, unknown>

export interface FieldDef {
  name: string
  label: string
  type: FieldType
  nillable: boolean
  length?: number
  precision?: number
  scale?: number
  digits?: number
  referenceTo?: string[]
  relationshipName?: string
  picklist?: string[]
  /** Set by the platform (Id, audit fields): neither createable nor updateable. */
  system?: boolean
  nameField?: boolean
}

export interface SObjectDef {
  name: string
  label: string
  labelPlural: string
  keyPrefix: string | null
  queryable: boolean
  fields: FieldDef[]
}

const INDUSTRIES = [
  'Banking',
  'Biotechnology',
  'Communications',
  'Consulting',
  'Education',
  'Energy',
  'Finance',
].concat(['Healthcare', 'Insurance', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Transportation', 'Utilities'])
// Salesforce's default sales process: stage -> default probability.
const STAGES: [string, number][] = [
  ['Prospecting', 10],
  ['Qualification', 10],
  ['Needs Analysis', 20],
  ['Value Proposition', 50],
  ['Id. Decision Makers', 60],
  ['Perception Analysis', 70],
  ['Proposal/Price Quote', 75],
  ['Negotiation/Review', 90],
  ['Closed Won', 100],
  ['Closed Lost', 0],
]

const str = (name: string, label: string, length: number, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type: 'string',
  nillable: true,
  length,
  ...extra,
})
const field = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type,
  nillable: true,
  ...extra,
})
const ref = (name: string, label: string, to: string, rel: string, nillable = true): FieldDef =>
  field(name, label, 'reference', { length: 18, referenceTo: [to], relationshipName: rel, nillable })

function standard(name: string, labelPlural: string, keyPrefix: string, own: FieldDef[]): SObjectDef {
  const stamp = (n: string, label: string) => field(n, label, 'datetime', { nillable: false, system: true })
  return {
    name,
    label: name,
    labelPlural,
    keyPrefix,
    queryable: true,
    fields: [
      field('Id', `${name} ID`, 'id', { nillable: false, length: 18, system: true }),
      field('IsDeleted', 'Deleted', 'boolean', { nillable: false, system: true }),
      ...own,
      ref('OwnerId', 'Owner ID', 'User', 'Owner', false),
      stamp('CreatedDate', 'Created Date'),
      stamp('LastModifiedDate', 'Last Modified Date'),
      stamp('SystemModstamp', 'System Modstamp'),
    ],
  }
}

const SCHEMA: SObjectDef[] = [
  standard('Account', 'Accounts', '001', [
    str('Name', 'Account Name', 255, { nillable: false, nameField: true }),
    field('Website', 'Website', 'url', { length: 255 }),
    field('Industry', 'Industry', 'picklist', { length: 255, picklist: INDUSTRIES }),
    field('AnnualRevenue', 'Annual Revenue', 'currency', { precision: 18, scale: 0 }),
    field('NumberOfEmployees', 'Employees', 'int', { digits: 8 }),
    field('Phone', 'Account Phone', 'phone', { length: 40 }),
    str('BillingCountry', 'Billing Country', 80),
    field('Description', 'Account Description', 'textarea', { length: 32000 }),
  ]),
  standard('Contact', 'Contacts', '003', [
    ref('AccountId', 'Account ID', 'Account', 'Account'),
    str('LastName', 'Last Name', 80, { nillable: false }),
    str('FirstName', 'First Name', 40),
    str('Name', 'Full Name', 121, { nillable: false, nameField: true, system: true }),
    str('Title', 'Title', 128),
    field('Phone', 'Business Phone', 'phone', { length: 40 }),
    field('Email', 'Email', 'email', { length: 80 }),
  ]),
  standard('Opportunity', 'Opportunities', '006', [
    ref('AccountId', 'Account ID', 'Account', 'Account'),
    str('Name', 'Name', 120, { nillable: false, nameField: true }),
    field('Description', 'Description', 'textarea', { length: 32000 }),
    field('StageName', 'Stage', 'picklist', { length: 255, nillable: false, picklist: STAGES.map(([s]) => s) }),
    field('Amount', 'Amount', 'currency', { precision: 18, scale: 2 }),
    field('Probability', 'Probability (%)', 'percent', { precision: 3, scale: 0 }),
    field('CloseDate', 'Close Date', 'date', { nillable: false }),
  ]),
  // Change-event entities show up in describeGlobal but cannot be queried.
  {
    name: 'AccountChangeEvent',
    label: 'Account Change Event',
    labelPlural: 'Account Change Events',
    keyPrefix: null,
    queryable: false,
    fields: [
      field('Id', 'Change Event ID', 'id', { nillable: false, length: 18, system: true }),
      str('ReplayId', 'Replay ID', 255, { system: true }),
    ],
  },
]

const SOAP: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  email: 'xsd:string',
  picklist: 'xsd:string',
  textarea: 'xsd:string',
  currency: 'xsd:double',
  double: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  boolean: 'xsd:boolean',
}

/** A field as `sobjects/{Name}/describe` lists it (the commonly read subset of Salesforce's DescribeFieldResult). */
export function describeField(f: FieldDef) {
  const textual = SOAP[f.type] === 'xsd:string' || f.type === 'id' || f.type === 'reference'
  const length = textual ? (f.length ?? 255) : 0
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    soapType: SOAP[f.type],
    length,
    // Salesforce counts 3 bytes per character for text, ids are ASCII.
    byteLength: f.type === 'id' || f.type === 'reference' ? length : length * 3,
    precision: f.precision ?? 0,
    scale: f.scale ?? 0,
    digits: f.digits ?? 0,
    nillable: f.nillable,
    createable: !f.system,
    updateable: !f.system,
    custom: f.name.endsWith('__c'),
    calculated: false,
    unique: false,
    externalId: false,
    idLookup: f.type === 'id',
    nameField: f.nameField ?? false,
    filterable: true,
    sortable: f.type !== 'textarea',
    groupable: !['textarea', 'currency', 'double', 'percent', 'datetime'].includes(f.type),
    defaultedOnCreate: Boolean(f.system) || f.type === 'boolean',
    defaultValue: f.type === 'boolean' ? false : null,
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.relationshipName ?? null,
    picklistValues: (f.picklist ?? []).map((value) => ({ active: true, defaultValue: false, label: value, value })),
  }
}

/** The object-level part that describeGlobal entries and `sobjects/{Name}/describe` share. */
export function describeObject(version: string, o: SObjectDef) {
  const base = `/services/data/${version}/sobjects/${o.name}`
  return {
    name: o.name,
    label: o.label,
    labelPlural: o.labelPlural,
    keyPrefix: o.keyPrefix,
    custom: false,
    queryable: o.queryable,
    retrieveable: o.queryable,
    searchable: o.queryable,
    replicateable: o.queryable,
    createable: o.queryable,
    updateable: o.queryable,
    deletable: o.queryable,
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  }
}

/** Random but reproducible per org, so a client_id always sees the same seed data. */
export function prng(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0)
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ASCII order, so ids of equal length compare like their counters (ORDER BY Id stays meaningful).
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Salesforce's case-safe suffix: one char per 5-char chunk, bit i set when char i is upper case. */
export function to18(id15: string): string {
  let suffix = ''
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i)
      if (c >= 'A' && c <= 'Z') bits |= 1 << i
    }
    suffix += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'.charAt(bits)
  }
  return id15 + suffix
}

/** key prefix (3) + pod (2) + reserved '0' + 9-char base62 counter, then the 3-char suffix. */
export function makeId(prefix: string, pod: string, n: number): string {
  let digits = ''
  for (let v = n; digits.length < 9; v = Math.floor(v / 62)) digits = BASE62.charAt(v % 62) + digits
  return to18(`${prefix}${pod}0${digits}`)
}

/** Salesforce's JSON datetime form: `2026-03-01T10:15:00.000+0000`. */
export const sfDateTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000')
/** Milliseconds of a Salesforce or ISO-8601 datetime (`+0000` or `+00:00` offsets, `Z`). */
export const instant = (value: SfValue | undefined) => Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))

/** SOQL datetime literal -> ms, or undefined when absent or not a real calendar instant. */
export function parseDateTime(literal: string | undefined): number | undefined {
  if (!literal) return undefined
  const [y, m, d] = literal.slice(0, 10).split('-').map(Number) as [number, number, number]
  const ms = instant(literal)
  // Date.parse rolls 2026-02-30 over to March; SOQL rejects it.
  if (Number.isNaN(ms) || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d || m > 12) return undefined
  return ms
}

export function byStampThenId(a: SfRecord, b: SfRecord): number {
  const ids = String(a.Id) < String(b.Id) ? -1 : String(a.Id) > String(b.Id) ? 1 : 0
  return instant(a.SystemModstamp) - instant(b.SystemModstamp) || ids
}

/** A record as the API returns it: `attributes` first, then the selected fields in SELECT order. */
export function project(version: string, type: string, record: SfRecord, fields: string[]): ApiRecord {
  const url = `/services/data/${version}/sobjects/${type}/${String(record.Id)}`
  const out: ApiRecord = { attributes: { type, url } }
  for (const f of fields) out[f] = record[f] ?? null
  return out
}

const COMPANIES = ['Northwind Traders', 'Blue Harbor Logistics', 'Cedar Ridge Health', 'Quantum Forge', 'Helios Energy']
  .concat(['Pinecrest Bank', 'Silverline Media', 'Atlas Freight', 'Brightpath Learning', 'Ironclad Insurance'])
  .concat(['Verdant Biotech', 'Summit Retail Group', 'Keystone Manufacturing', 'Lumen Telecom', 'Oakridge Consulting'])
  .concat(['Granite Utilities', 'Nimbus Software', 'Redwood Capital', 'Coastal Airways', 'Evergreen Foods'])
  .concat(['Harborview Hospital', 'Polaris Analytics', 'Crescent Pharma', 'Trident Shipping', 'Aurora Robotics'])
  .concat(['Meridian Partners', 'Sterling Steelworks', 'Bluebird Travel', 'Copperfield Mining', 'Falcon Security'])
  .concat(['Greenleaf Agritech', 'Orion Semiconductors', 'Riverstone Credit', 'Wavecrest Networks', 'Ember Studios'])
  .concat(['Horizon Dental', 'Vector Dynamics', 'Juniper Hotels'])
const FIRST = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Mateo',
  'Sofia',
  'Lucas',
  'Mia',
  'Ethan',
  'Amara',
  'Kenji',
].concat(['Priya', 'Jonas', 'Chloe', 'Diego', 'Hannah', 'Omar', 'Ingrid', 'Wei', 'Fatima', 'Samuel', 'Zoe', 'Luca'])
const LAST = [
  'Smith',
  'Garcia',
  'Müller',
  'Johnson',
  'Nguyen',
  'Patel',
  'Brown',
  'Rossi',
  'Kim',
  'Silva',
  'Okafor',
].concat(['Andersen', 'Dubois', 'Tanaka', 'Kowalski', "O'Brien", 'Hernández', 'Schmidt', 'Cohen', 'Larsen'])
const TITLES: (string | null)[] = [
  'CEO',
  'CFO',
  'VP Sales',
  'Head of Procurement',
  'IT Director',
  'Buyer',
  null,
].concat(['Operations Manager', 'Data Engineer', 'Marketing Lead', 'Account Manager'])
const COUNTRIES = [
  'United States',
  'United States',
  'United States',
  'United Kingdom',
  'Germany',
  'France',
  'Canada',
].concat(['Japan', 'Australia', 'Brazil', 'India', 'Netherlands'])
const PRODUCTS = ['Platform Renewal', 'Enterprise License', '200 Seats', 'Data Migration', 'Premium Support', 'Pilot']

const DAY = 86_400_000
/** The seed's "now": every seeded stamp is at or before it. */
export const SEED_END = Date.UTC(2026, 2, 1, 10, 15, 0)

export interface SeededOrg {
  orgId: string
  pod: string
  userIds: string[]
  schema: SObjectDef[]
  records: Map<string, SfRecord[]>
  /** Next free id counter for this org. */
  seq: number
}

/** The same org for the same client_id: ~36 accounts, 72 contacts, 48 opportunities. */
export function seedOrg(clientId: string): SeededOrg {
  const rand = prng(`salesforce:${clientId}`)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const pod = BASE62.charAt(10 + Math.floor(rand() * 26)) + BASE62.charAt(Math.floor(rand() * 62))
  let seq = 1_000_000 + Math.floor(rand() * 1_000_000)
  const nextId = (prefix: string) => {
    seq += 1 + Math.floor(rand() * 40)
    return makeId(prefix, pod, seq)
  }
  const orgId = nextId('00D')
  const userIds = [0, 1, 2, 3].map(() => nextId('005'))
  const seconds = (ms: number) => Math.floor(ms / 1000) * 1000
  // Mass updates (data loads, workflow re-evaluations) stamp many records with one SystemModstamp.
  const bulk = [17, 9, 3].map((days) => seconds(SEED_END - days * DAY + rand() * DAY))

  const make = (count: number, prefix: string, fill: (i: number, r: SfRecord) => void): SfRecord[] => {
    const created = Array.from({ length: count }, () => seconds(SEED_END - 30 * DAY - rand() * 570 * DAY)).sort(
      (a, b) => a - b,
    )
    return created.map((at, i) => {
      const record: SfRecord = { Id: nextId(prefix), IsDeleted: false }
      fill(i, record)
      const bulkStamp = i % 4 === 1 ? bulk[(i >> 2) % bulk.length] : undefined
      const stamp = bulkStamp ?? seconds(at + rand() * (SEED_END - at))
      // A system-side mass update moves SystemModstamp but not LastModifiedDate.
      const modified = bulkStamp === undefined ? stamp : seconds(at + rand() * (bulkStamp - at))
      record.OwnerId = pick(userIds)
      record.CreatedDate = sfDateTime(at)
      record.LastModifiedDate = sfDateTime(modified)
      record.SystemModstamp = sfDateTime(stamp)
      return record
    })
  }

  const accounts = make(36, '001', (i, r) => {
    const name = COMPANIES[i % COMPANIES.length] as string
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '')}.com`
    const employees = Math.round(10 ** (1 + rand() * 4))
    r.Name = name
    r.Website = rand() < 0.15 ? null : rand() < 0.5 ? `www.${domain}` : `https://${domain}`
    r.Industry = pick(INDUSTRIES)
    r.AnnualRevenue = rand() < 0.2 ? null : Math.round((employees * (80_000 + rand() * 220_000)) / 1000) * 1000
    r.NumberOfEmployees = employees
    r.Phone = `(${200 + Math.floor(rand() * 700)}) 555-0${100 + Math.floor(rand() * 899)}`
    r.BillingCountry = pick(COUNTRIES)
    r.Description =
      rand() < 0.6 ? null : `${name} — ${String(r.Industry).toLowerCase()} customer since ${2015 + (i % 9)}.`
  })
  const contacts = make(72, '003', (_i, r) => {
    const account = pick(accounts)
    const first = pick(FIRST)
    const last = pick(LAST)
    const domain = `${String(account.Name)
      .toLowerCase()
      .replace(/[^a-z]+/g, '')}.com`
    const local = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '')
    r.AccountId = account.Id as string
    r.LastName = last
    r.FirstName = first
    r.Name = `${first} ${last}`
    r.Title = pick(TITLES)
    r.Phone = rand() < 0.25 ? null : `+1 ${200 + Math.floor(rand() * 700)} 555 0${100 + Math.floor(rand() * 899)}`
    r.Email = `${local}@${domain}`
  })
  const opportunities = make(48, '006', (_i, r) => {
    const account = pick(accounts)
    const [stage, probability] = pick(STAGES)
    r.AccountId = account.Id as string
    r.Name = `${String(account.Name)} - ${pick(PRODUCTS)}`
    r.Description = rand() < 0.7 ? null : 'Multi-year deal; legal review pending.'
    r.StageName = stage
    r.Amount = rand() < 0.1 ? null : Math.round((5_000 + rand() * 495_000) / 50) * 50
    r.Probability = probability
    // Closed deals closed in the past; open ones are expected to close in the coming months.
    const days = stage.startsWith('Closed') ? -Math.floor(rand() * 300) : Math.floor(rand() * 240) - 20
    r.CloseDate = new Date(SEED_END + days * DAY).toISOString().slice(0, 10)
  })

  return {
    orgId,
    pod,
    userIds,
    schema: structuredClone(SCHEMA),
    records: new Map([
      ['Account', accounts],
      ['Contact', contacts],
      ['Opportunity', opportunities],
      ['AccountChangeEvent', []],
    ]),
    seq: seq + 1,
  }
}
