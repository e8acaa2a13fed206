// What a field name says, as concepts: `Billing_Code` is {billing, postcode}, `Created_By.id` is
// {creator, id}, `lead_source_id` is the lead source as a pick-list code, `telephone2` the second
// phone. Rules here read one name on its own; schema-level context (which entity the schema
// describes, what the sibling fields are) is applied in schema-context.ts.
import { type ConceptInfo, conceptInfo } from './lexicon/concepts.ts'
import { readWords } from './lexicon/lookup.ts'
import { pathWords } from './words.ts'

export interface Term {
  concept: string
  info: ConceptInfo
  weight: number // the concept's weight, halved for generic words of a parent object
  parent: boolean // read from a parent segment (`billing_address` in billing_address.city)
  ordinal?: number // 2 in telephone2 / address2_city
}

export interface Meaning {
  path: string
  words: string // the name as read, for evidence ("billing city")
  terms: Term[]
  coded: boolean // a pick-list code or id of a category (lead_source_id, country_code)
  namesEntity?: string // the record kind the name says it belongs to (`deal_id`, `Account_Name`)
}

// Parent objects that only group fields (`properties.email`, `data.attributes.name`).
const CONTAINERS = new Set([
  'data',
  'attributes',
  'properties',
  'fields',
  'metadata',
  'values',
  'record',
  'payload',
  'details',
  'info',
  'custom',
  'extra',
  'additional',
  'result',
  'node',
  'item',
  'attrs',
])

const ADDRESS_PARTS = new Set(['street', 'housenumber', 'city', 'state', 'postcode', 'country', 'county', 'district'])
const ADDRESS_ROLES = new Set(['billing', 'shipping', 'mailing', 'other', 'home', 'work', 'registered', 'physical'])
const PHONE_ROLES = new Set(['work', 'home', 'mobile', 'main', 'other'])
const MONEY = new Set([
  'amount',
  'total',
  'subtotal',
  'tax',
  'discount',
  'fee',
  'price',
  'cost',
  'balance',
  'revenue',
  'budget',
])
const BY_PERSON: Record<string, string> = {
  create: 'creator',
  update: 'modifier',
  delete: 'modifier',
  close: 'closer',
  convert: 'creator',
  owner: 'owner',
}

interface Raw {
  concept: string
  parent: boolean
  ordinal?: number
}

function readPath(path: string): { raw: Raw[]; words: string } {
  const segments = pathWords(path)
  const raw: Raw[] = []
  const shown: string[] = []
  segments.forEach((words, i) => {
    const parent = i < segments.length - 1
    if (parent && words.every((w) => CONTAINERS.has(w))) return
    // Runs of words between digits; a digit numbers the last concept before it (address1_city).
    let run: string[] = []
    const flush = (ordinal?: number) => {
      const groups = readWords(run)
      groups.forEach((group, g) => {
        for (const concept of group) {
          const numbered = ordinal !== undefined && g === groups.length - 1
          raw.push({ concept, parent, ...(numbered ? { ordinal } : {}) })
        }
      })
      shown.push(...run)
      run = []
    }
    for (const w of words) {
      if (/^\d+$/.test(w)) flush(Number(w))
      else run.push(w)
    }
    flush()
  })
  return { raw, words: shown.join(' ') }
}

const has = (raw: readonly Raw[], c: string) => raw.some((r) => r.concept === c)
const kindsOf = (raw: readonly Raw[]) => raw.filter((r) => conceptInfo(r.concept).family === 'kind')

/** Rules over the whole name: phrases across words that the word lists cannot see. */
function combine(input: Raw[]): { raw: Raw[]; coded: boolean } {
  let raw = [...input]
  const replace = (i: number, concept: string) => {
    const r = raw[i]
    if (r) raw[i] = { ...r, concept }
  }
  // "created by" is a person, "created at" a moment.
  for (let i = 0; i < raw.length; i++) {
    if (raw[i]?.concept !== 'by') continue
    const before = raw[i - 1]?.concept
    const person = before ? BY_PERSON[before] : undefined
    if (person && i > 0) replace(i - 1, person)
  }
  raw = raw.filter((r) => r.concept !== 'by')
  // "created at", "Erstellt am", "criado em" name a moment; "Valor em dívida" does not.
  raw = raw.flatMap((r, i) => {
    if (r.concept !== 'at') return [r]
    const before = raw[i - 1]
    return before && conceptInfo(before.concept).family !== 'kind' ? [{ ...r, concept: 'time' }] : []
  })
  // create_uid, LastChangedByUser: the user of a moment is a person.
  for (let i = 1; i < raw.length; i++) {
    const person = raw[i]?.concept === 'user' ? BY_PERSON[raw[i - 1]?.concept ?? ''] : undefined
    if (person) {
      replace(i - 1, person)
      raw.splice(i, 1)
    }
  }
  // Name parts: first/last/full + name.
  if (has(raw, 'name')) {
    const part = has(raw, 'first')
      ? 'givenname'
      : has(raw, 'last')
        ? 'familyname'
        : has(raw, 'full')
          ? 'fullname'
          : undefined
    if (part) raw = raw.map((r) => (r.concept === 'name' ? { ...r, concept: part } : r))
    if (raw.some((r) => conceptInfo(r.concept).family === 'personname')) {
      raw = raw.filter((r) => r.concept !== 'name' && r.concept !== 'first' && r.concept !== 'last')
    }
  }
  if (has(raw, 'full') && has(raw, 'address'))
    raw = raw.map((r) => (r.concept === 'address' ? { ...r, concept: 'fulladdress' } : r))
  raw = raw.filter((r) => r.concept !== 'full')
  // One concept said twice ("phone number", "email address", "zip code", "web site").
  const redundant: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['postcode', ['code', 'number', 'mailing']],
    ['email', ['address']],
    ['url', ['site', 'address']],
    ['phone', ['number']],
    ['fax', ['number', 'phone']],
    ['taxid', ['number', 'id', 'code', 'tax']],
    ['mrn', ['number', 'id']],
    ['ssn', ['number']],
    ['employee', ['number']],
    ['count', ['number']],
    ['probability', ['percent', 'close', 'won']],
    ['leadsource', ['lead']],
    ['due', ['remaining']],
  ]
  for (const [main, extra] of redundant) if (has(raw, main)) raw = raw.filter((r) => !extra.includes(r.concept))
  // "Bedrag excl. btw": beside net or gross, the tax word only says what is left out.
  if (has(raw, 'net') || has(raw, 'gross')) {
    const measured = raw.some((o) => o.concept === 'amount' || o.concept === 'total')
    if (measured) raw = raw.filter((r) => r.concept !== 'tax')
  }
  // Money words qualify each other: tax_amount is the tax, taxTotal the tax, total_amount the total.
  const otherMoney = (except: string) => raw.some((r) => r.concept !== except && MONEY.has(r.concept))
  if (has(raw, 'amount') && otherMoney('amount')) raw = raw.filter((r) => r.concept !== 'amount')
  if (has(raw, 'total') && otherMoney('total')) raw = raw.filter((r) => r.concept !== 'total')
  // Net and gross totals of a document are its subtotal and total.
  if (raw.some((r) => MONEY.has(r.concept)) || raw.length === 1) {
    raw = raw
      .map((r) =>
        r.concept === 'net' ? { ...r, concept: 'subtotal' } : r.concept === 'gross' ? { ...r, concept: 'total' } : r,
      )
      .filter(
        (r, _, all) => !(r.concept === 'amount' && all.some((o) => o.concept === 'subtotal' || o.concept === 'total')),
      )
  }
  const kinds = kindsOf(raw)
  const onlyKind = kinds.length === 1 ? kinds[0]?.concept : undefined
  const roles = raw.filter((r) => conceptInfo(r.concept).family === 'role')
  // "Billing Code" / "code postal": a code of an address is its postcode.
  if (onlyKind === 'code' && (roles.some((r) => ADDRESS_ROLES.has(r.concept)) || has(raw, 'mailing'))) {
    raw = raw
      .filter((r) => r.concept !== 'mailing' || roles.length > 1)
      .map((r) => (r.concept === 'code' ? { ...r, concept: 'postcode' } : r))
  }
  // "work number", "home number": a number of a phone role is a phone.
  if (onlyKind === 'number' && roles.some((r) => PHONE_ROLES.has(r.concept))) {
    raw = raw.map((r) => (r.concept === 'number' ? { ...r, concept: 'phone' } : r))
  }
  const addressy = raw.some((r) => ADDRESS_PARTS.has(r.concept) || r.concept === 'address')
  if (addressy) {
    // "dirección de facturación", "Rechnungsadresse": the invoice's address is the billing address;
    // "estado" next to an address is a state.
    const swap: Record<string, string> = { revenue: 'billing', invoice: 'billing', status: 'state' }
    raw = raw.map((r) => (swap[r.concept] ? { ...r, concept: swap[r.concept] as string } : r))
    // "billing_address.city": the address word adds nothing to the part, except which address it is.
    const address = raw.find((r) => r.concept === 'address')
    if (address && raw.some((r) => ADDRESS_PARTS.has(r.concept))) {
      raw = raw
        .filter((r) => r !== address)
        .map((r) =>
          ADDRESS_PARTS.has(r.concept) && !r.ordinal && address.ordinal ? { ...r, ordinal: address.ordinal } : r,
        )
    }
  }
  // A category followed by id/code/key is that category, coded (lead_source_id, country_code).
  let coded = false
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i]?.concept
    const prev = raw[i - 1]
    if ((c === 'id' || c === 'code' || c === 'key' || c === 'number') && prev && conceptInfo(prev.concept).category) {
      coded = true
      raw.splice(i, 1)
      i--
    }
  }
  if (has(raw, 'concept') && raw.some((r) => conceptInfo(r.concept).category)) {
    coded = true
    raw = raw.filter((r) => r.concept !== 'concept' && r.concept !== 'id')
  }
  // "Date Registered" is a moment; a registered address is a role.
  if (has(raw, 'registered') && has(raw, 'time'))
    raw = raw.map((r) => (r.concept === 'registered' ? { ...r, concept: 'signup' } : r))
  // "Date Registered" is a moment; a registered address is a role.
  if (has(raw, 'registered') && has(raw, 'time')) {
    raw = raw.map((r) => (r.concept === 'registered' ? { ...r, concept: 'signup' } : r))
  }
  // The same concept twice (mobile phone + phone): keep the first, with any ordinal.
  const seen = new Map<string, Raw>()
  for (const r of raw) {
    const prev = seen.get(r.concept)
    if (!prev) seen.set(r.concept, r)
    else if (r.ordinal && !prev.ordinal) seen.set(r.concept, { ...prev, ordinal: r.ordinal })
  }
  return { raw: [...seen.values()], coded }
}

export function toTerm(r: Raw): Term {
  const info = conceptInfo(r.concept)
  const generic = info.family === undefined || info.family === 'kind' || info.family === 'entity'
  return {
    concept: r.concept,
    info,
    weight: r.parent && generic ? info.weight / 2 : info.weight,
    parent: r.parent,
    ...(r.ordinal ? { ordinal: r.ordinal } : {}),
  }
}

// Schemas repeat names and a matcher reads each several times: memoise, bounded.
const cache = new Map<string, Meaning>()

/** The meaning of one field name, before schema context. */
export function readField(path: string): Meaning {
  const hit = cache.get(path)
  if (hit) return hit
  if (cache.size >= 20_000) cache.clear()
  const { raw, words } = readPath(path)
  const { raw: combined, coded } = combine(raw)
  const meaning = { path, words, terms: combined.map(toTerm), coded }
  cache.set(path, meaning)
  return meaning
}
