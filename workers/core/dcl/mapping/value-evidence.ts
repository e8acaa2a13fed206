// What the values say about a pair: samples that look like what the target field holds (emails for
// an email field, ISO codes for a currency) support it, samples of another distinctive kind (phone
// numbers for a postcode, people's names for an id) speak against it. Values already stored in the
// target entity, when the caller has them, are compared directly.
import { compareSamples, profileSamples } from '../../aam/drift/value-overlap.ts'
import type { FieldType } from '../../aam/schema-snapshot.ts'
import type { Meaning } from './field-meaning.ts'
import { isPersonEntity } from './lexicon/concepts.ts'
import type { SampleSummary, ValueKind } from './value-kinds.ts'

// What a field holds, by the concepts of its name.
// biome-ignore format: a table
const EXPECTED: Record<string, readonly ValueKind[]> = {
  email: ['email'], phone: ['phone', 'numeric_id'], fax: ['phone', 'numeric_id'], url: ['url', 'domain'],
  domain: ['domain', 'url'], currency: ['currency'], country: ['country', 'code2'], state: ['code2', 'words', 'region'],
  region: ['code2', 'words', 'region'], postcode: ['postcode', 'digits'], street: ['street', 'words', 'person_name'], city: ['words', 'person_name'],
  fulladdress: ['full_address', 'street'], id: ['uuid', 'prefixed_id', 'numeric_id', 'code', 'digits', 'integer', 'percent'],
  givenname: ['words', 'person_name'], familyname: ['words', 'person_name'], fullname: ['person_name', 'words'],
  time: ['date', 'timestamp', 'epoch'], gender: ['gender', 'enum', 'words', 'code2'], language: ['language', 'enum', 'words'],
  timezone: ['timezone', 'words'], probability: ['percent', 'fraction', 'integer', 'decimal'],
  amount: ['integer', 'decimal', 'percent', 'numeric_id', 'epoch'], revenue: ['integer', 'decimal', 'numeric_id', 'epoch'],
  count: ['integer', 'percent', 'decimal'], quantity: ['integer', 'percent', 'decimal'],
  description: ['text', 'words', 'enum'], note: ['text', 'words', 'enum'], title: ['words', 'text', 'person_name', 'enum'],
  job: ['words', 'text', 'person_name', 'enum'],
}

// How much a kind says on its own: an email is an email, a word could be anything.
// biome-ignore format: a table
const STRENGTH: Partial<Record<ValueKind, number>> = {
  email: 1, url: 0.9, domain: 0.8, phone: 0.9, uuid: 0.8, prefixed_id: 0.8, currency: 1, country: 0.8, code2: 0.5,
  postcode: 0.7, digits: 0.2, timezone: 0.9, language: 0.6, street: 0.8, full_address: 0.9, company_name: 0.8, person_name: 0.4,
  date: 0.6, timestamp: 0.6, epoch: 0.5, gender: 0.7, boolean: 0.3, numeric_id: 0.4, text: 0.3,
}

const KIND_WORDS: Partial<Record<ValueKind, string>> = {
  email: 'email addresses',
  url: 'web addresses',
  domain: 'domain names',
  phone: 'phone numbers',
  uuid: 'UUIDs',
  prefixed_id: 'record ids',
  numeric_id: 'numeric ids',
  code: 'codes',
  digits: 'short numbers',
  currency: 'currency codes',
  country: 'countries',
  code2: 'country or region codes',
  postcode: 'postcodes',
  date: 'dates',
  timestamp: 'timestamps',
  epoch: 'epoch times',
  person_name: "people's names",
  company_name: 'company names',
  street: 'street lines',
  full_address: 'whole addresses',
  words: 'words',
  timezone: 'time zones',
  language: 'language codes',
  gender: 'genders',
  percent: 'numbers up to 100',
  fraction: 'fractions',
  boolean: 'yes/no values',
  text: 'free text',
  integer: 'whole numbers',
  decimal: 'decimal numbers',
  enum: 'lower-case codes',
  region: 'regions',
}

export const describeKind = (k: ValueKind) => KIND_WORDS[k] ?? k.replace('_', ' ')

export interface ValueEvidence {
  score: number // -1 other data .. +1 the values are what the target holds
  note?: string
}

function expectedKinds(target: Meaning, type: FieldType, own: ReadonlySet<string>): Set<ValueKind> | undefined {
  if (type === 'boolean') return new Set(['boolean'])
  const concepts = target.terms.map((t) => t.concept)
  if (target.coded) return undefined
  for (const c of [...concepts].reverse()) {
    const e = EXPECTED[c]
    if (e) return new Set(e)
  }
  if (concepts.includes('name')) {
    // The name of an organisation or of a person: neither is an id, an email or a date.
    return new Set(
      [...own].some(isPersonEntity) ? ['person_name', 'words'] : ['company_name', 'words', 'person_name', 'code'],
    )
  }
  return undefined
}

/** Support from the source's samples for what the target field holds (by its name, or its own samples). */
export function valueEvidence(
  source: SampleSummary | null,
  target: Meaning,
  targetType: FieldType,
  targetSamples: SampleSummary | null,
  own: ReadonlySet<string>,
): ValueEvidence {
  const kind = source?.dominant
  if (!kind) return { score: 0 }
  const expected = targetSamples?.dominant
    ? new Set<ValueKind>([targetSamples.dominant])
    : expectedKinds(target, targetType, own)
  // Moments (dates, timestamps, epoch times) only fill a field that is one.
  const moment = kind === 'date' || kind === 'timestamp' || kind === 'epoch'
  const timely = targetType === 'date' || targetType === 'timestamp' || expected?.has(kind)
  if (moment && !timely && !target.terms.some((t) => t.concept === 'time' || t.info.family === 'event')) {
    return { score: -1, note: `samples are ${describeKind(kind)}, the target is not a time` }
  }
  if (!expected) return { score: 0 }
  const strength = STRENGTH[kind] ?? 0.2
  if (expected.has(kind)) return { score: strength, note: `samples look like ${describeKind(kind)}` }
  if (strength >= 0.4) return { score: -strength, note: `samples look like ${describeKind(kind)}` }
  return { score: 0 }
}

/** Overlap with values the target entity already holds: +1 shared values, -1 another kind of data. */
export function overlapEvidence(source: readonly unknown[] | undefined, target: readonly unknown[] | undefined) {
  const c = compareSamples(profileSamples(source), profileSamples(target))
  if (!c) return { score: 0 }
  if (c.evidence >= 1) return { score: 1, note: 'shares values with the target entity' }
  if (c.evidence > 0) return { score: 0.5, note: 'shares some values with the target entity' }
  if (c.evidence < 0) return { score: c.evidence, note: 'values unlike those in the target entity' }
  return { score: 0 }
}
