// What a name means depends on the schema around it: `Account_Name` in an accounts table is the
// name, `Nom` beside `Prénom` is the family name, `Name` in a contacts table is the full name,
// `hs_` or `hubspot_` before every other field is the vendor's namespace, and a lone `Company`
// column holds the company's name (or its id, when the values are ids).
import type { SnapshotField } from '../../aam/schema-snapshot.ts'
import { type Meaning, type Term, toTerm } from './field-meaning.ts'
import { CONCEPTS, conceptInfo, isPersonEntity, VENDORS } from './lexicon/concepts.ts'
import { wordConcepts } from './lexicon/lookup.ts'
import type { SampleSummary } from './value-kinds.ts'

export interface SchemaFacts {
  entity?: string // the entity the schema describes (organization, person, opportunity...)
  namespaces: ReadonlySet<string> // prefixes shared by many fields: the vendor's, not the data's
  givenName: boolean
  familyName: boolean
  addressParts: boolean // city or postcode fields beside a lone `address`
  // The address is grouped (`address1_city`, `default_address.city`, `Billing_City`): a bare
  // `state` outside the group is the record's state, not the address's.
  groupedAddress: boolean
  firstLast: boolean // lone `First` and `Last` columns: a person's names
  plainId: boolean // a field that is just the record's id (`id`, `account_id` in accounts)
}

const weighty = (t: Term) => t.weight >= 0.3
const isEntity = (t: Term) => t.info.family === 'entity'

/** The entity a schema describes: its first field when that is `<entity>_id`, else a common prefix. */
function entityOf(meanings: readonly Meaning[]): string | undefined {
  const first = meanings[0]?.terms.filter(weighty)
  // `<x>_id` first names the record, whether x is a known entity or a word of the domain (tree_id, station_id).
  const x = first?.[0]
  if (first?.length === 2 && x && (isEntity(x) || !(x.concept in CONCEPTS)) && first[1]?.concept === 'id')
    return x.concept
  const counts = new Map<string, number>()
  for (const m of meanings) {
    const lead = m.terms[0]
    if (lead && isEntity(lead) && m.terms.length > 1) counts.set(lead.concept, (counts.get(lead.concept) ?? 0) + 1)
  }
  let best: string | undefined
  let bestCount = 0
  for (const [c, n] of counts) if (n > bestCount) [best, bestCount] = [c, n]
  return best && bestCount >= 3 && bestCount >= 0.15 * meanings.length ? best : undefined
}

function namespacesOf(meanings: readonly Meaning[]): Set<string> {
  const counts = new Map<string, number>()
  for (const m of meanings) {
    const lead = m.terms[0]
    if (!lead || m.terms.length < 2) continue
    if (VENDORS.has(lead.concept) || !(lead.concept in CONCEPTS)) {
      counts.set(lead.concept, (counts.get(lead.concept) ?? 0) + 1)
    }
  }
  const out = new Set<string>()
  for (const [c, n] of counts) {
    if (n >= 3 && (VENDORS.has(c) || n >= 0.2 * meanings.length)) out.add(c)
  }
  return out
}

export function schemaFacts(meanings: readonly Meaning[], own: ReadonlySet<string> = new Set()): SchemaFacts {
  const entity = entityOf(meanings)
  const has = (c: string) => meanings.some((m) => m.terms.some((t) => t.concept === c))
  const lone = (c: string) => meanings.some((m) => m.terms.length === 1 && m.terms[0]?.concept === c)
  return {
    ...(entity ? { entity } : {}),
    namespaces: namespacesOf(meanings),
    givenName: has('givenname'),
    familyName: has('familyname'),
    addressParts: has('city') || has('postcode'),
    groupedAddress: meanings.some(
      (m) =>
        m.terms.some((t) => t.concept === 'city' || t.concept === 'postcode') &&
        m.terms.some((t) => t.parent || t.ordinal || t.info.family === 'role'),
    ),
    firstLast: lone('first') && lone('last'),
    plainId: meanings.some((m) => {
      const rest = m.terms.filter((t) => !own.has(t.concept) && t.concept !== entity)
      return rest.length === 1 && rest[0]?.concept === 'id'
    }),
  }
}

// Moments whose number is a time, not an amount: `created` as epoch seconds.
const isMoment = (terms: readonly Term[]) =>
  terms.some((t) => ['create', 'update', 'delete', 'sync', 'seen', 'login'].includes(t.concept))
const KEYS = new Set(['number', 'code', 'key', 'reference', 'mrn'])
const BARE_STATE = new Set(['state', 'code', 'id', 'key', 'status'])
const ID_KINDS = new Set(['uuid', 'prefixed_id', 'numeric_id', 'code', 'digits', 'integer'])

function holdsIds(field: SnapshotField, samples: SampleSummary | null): boolean {
  if (samples?.dominant) return ID_KINDS.has(samples.dominant)
  return field.type === 'integer'
}

const term = (concept: string, like?: Term): Term => toTerm({ concept, parent: like?.parent ?? false })

/**
 * The meaning of a field within its schema. `own` are the entity concepts of the record being
 * mapped (the target's and the source's): they add nothing to a field of that record.
 */
export function inContext(
  meaning: Meaning,
  field: SnapshotField,
  samples: SampleSummary | null,
  facts: SchemaFacts,
  own: ReadonlySet<string>,
  numbered = false, // the other schema has a number of the record (invoice_number)
): Meaning {
  let terms = meaning.terms.filter((t) => !facts.namespaces.has(t.concept))
  const ownTerms = terms.filter((t) => own.has(t.concept))
  const rest = terms.filter((t) => !own.has(t.concept))
  if (ownTerms.length > 0) {
    // `Customer` alone in a customer table is its key or its name.
    terms = rest.some(weighty) ? rest : [term(holdsIds(field, samples) ? 'id' : 'name', ownTerms[0])]
  }
  // An opportunity's parent account is its account; only a parent of the record's own kind is a relation.
  if (terms.some((t) => t.concept === 'parent') && terms.some((t) => isEntity(t) && !own.has(t.concept))) {
    terms = terms.filter((t) => t.concept !== 'parent')
  }
  const main = terms.filter(weighty)
  const kinds = main.filter((t) => t.info.family === 'kind')
  // A lone reference to another record or person (`Company`, `Account`, `Owner`) is its name, or its id.
  const referent = (t: Term) => isEntity(t) || t.info.family === 'person'
  if (kinds.length === 0 && main.length > 0 && main.every((t) => referent(t) || t.info.family === 'role')) {
    const e = main.find(referent)
    if (e) terms = [...terms, term(holdsIds(field, samples) ? 'id' : 'name', e)]
  }
  const only = main.length === 1 ? main[0]?.concept : undefined
  const lone = terms.length === 1 ? terms[0] : undefined
  if ((lone?.concept === 'first' || lone?.concept === 'last') && facts.firstLast) {
    terms = [term(lone.concept === 'first' ? 'givenname' : 'familyname', lone)]
  }
  // `Código`, `Relatienummer`, `Customer No.`: the record's number is its key when nothing else is
  // (and when the other schema has no number of the record to receive it).
  if (only && KEYS.has(only) && !facts.plainId && !numbered && terms.length === main.length) {
    terms = [term('id', main[0])]
  }
  // A moment with nothing else is its time (`created`, `Última modificación`); a number at a
  // moment is an amount (`Cobrado`: collected).
  const moments = terms.filter(weighty)
  const momentary = (t: Term) => t.info.family === 'event' || t.info.family === 'derived' || t.info.family === 'recency'
  if (moments.some((t) => t.info.family !== 'recency') && moments.every(momentary)) {
    const implied =
      field.type === 'boolean' || samples?.dominant === 'boolean'
        ? undefined
        : (field.type === 'number' || field.type === 'integer') && samples?.dominant !== 'epoch' && !isMoment(moments)
          ? 'amount'
          : 'time'
    if (implied) terms = [...terms, term(implied, moments.at(-1))]
  }
  // `Estado` holding SP, RJ is a state, not a status.
  if (only === 'status' && samples?.dominant === 'code2') terms = [term('state', main[0])]
  const bare = meaning.words.split(' ').every((w) => BARE_STATE.has(w))
  if (only === 'state' && facts.groupedAddress && bare) {
    terms = terms.map((t) => (t.concept === 'state' ? term('status', t) : t))
  }
  // An organisation's full name is its name.
  if (![...own].some(isPersonEntity)) terms = terms.map((t) => (t.concept === 'fullname' ? term('name', t) : t))
  if (only === 'name') {
    // Nom + Prénom, Name + Vorname: the bare name is the family name; nombre + apellidos: the given name.
    const part =
      facts.givenName && !facts.familyName
        ? 'familyname'
        : facts.familyName && !facts.givenName
          ? 'givenname'
          : isPersonEntity(facts.entity) || (facts.givenName && facts.familyName)
            ? 'fullname'
            : undefined
    if (part) terms = terms.map((t) => (t.concept === 'name' ? term(part, t) : t))
  }
  if (main.length >= 1 && main.every((t) => t.concept === 'address' || t.info.family === 'role')) {
    // A lone address beside city and postcode fields is the street line; alone, the whole address.
    const whole = samples?.dominant ? samples.dominant === 'full_address' : !facts.addressParts
    const part = whole ? 'fulladdress' : 'street'
    terms = terms.map((t) => (t.concept === 'address' ? term(part, t) : t))
  }
  const named = ownTerms[0]?.concept
  return { ...meaning, terms, ...(named ? { namesEntity: named } : {}) }
}

/** The record kind that prefixed id values name (`cus_…` a customer, `txn_…` a transaction), if they share one. */
export function idEntityOf(samples: readonly unknown[] | undefined): string | undefined {
  const prefixes = new Set<string>()
  for (const v of samples ?? []) {
    if (v === null || v === undefined) continue
    const m = typeof v === 'string' ? /^([a-z]{2,10})_[A-Za-z0-9]{4,}$/.exec(v) : null
    if (!m?.[1]) return undefined
    prefixes.add(m[1])
  }
  if (prefixes.size !== 1) return undefined
  const concept = wordConcepts([...prefixes][0] ?? '')?.[0]
  return concept && conceptInfo(concept).family === 'entity' ? concept : undefined
}
