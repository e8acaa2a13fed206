// How well two field names agree, as concepts. Shared concepts count by weight (a distinctive
// word far more than "id" or "date"); words left over on either side lower the score. Some
// leftovers settle the question outright: another member of the same family (billing vs
// shipping, owner vs creator, created vs updated, id vs name), a word that makes a different
// value (weighted, expected, another system's, a parent record's, another person's or record's)
// or a flag's opposite direction. That is how look-alikes stay unmatched.

import type { Meaning, Term } from './field-meaning.ts'
import type { Family } from './lexicon/concepts.ts'
import { conceptSimilarity } from './lexicon/concepts.ts'

export interface Pairing {
  source: Term
  target: Term
  similarity: number
}

export interface NameScore {
  score: number
  veto?: string // why the two cannot be the same data, in words
  // The veto only says the names name different kinds of value (segment vs tier): identical values
  // stored in the target may still prove them the same data.
  kindsOnly?: boolean
  pairs: Pairing[]
  notes: string[] // what lowered the score
}

// Families where two different members always name different data.
const EXCLUSIVE = new Set<Family>([
  'kind',
  'entity',
  'role',
  'person',
  'event',
  'derived',
  'system',
  'relation',
  'polarity',
  'personname',
  'recency',
])
// Families whose word on one side alone already makes another value.
const ONE_SIDED = new Set<Family>(['entity', 'person', 'relation', 'polarity', 'derived'])
// Derived words that only describe a date or an amount as planned, which is what it is anyway.
const PLANNED = new Set(['expected', 'forecast', 'estimated'])
const MILD_DERIVED = new Set(['estimated', 'annual', 'monthly'])

function pair(a: readonly Term[], b: readonly Term[]): { pairs: Pairing[]; leftA: Term[]; leftB: Term[] } {
  const pairs: Pairing[] = []
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  for (;;) {
    let best = 0
    let bi = -1
    let bj = -1
    let bs = 0
    a.forEach((x, i) => {
      if (usedA.has(i)) return
      b.forEach((y, j) => {
        if (usedB.has(j)) return
        // telephone2 is not telephone3; telephone (no number) may be telephone1.
        if (x.ordinal && y.ordinal && x.ordinal !== y.ordinal) return
        const s = conceptSimilarity(x.concept, y.concept)
        const gain = s * (x.weight + y.weight + 0.01)
        if (s > 0 && gain > best) [best, bi, bj, bs] = [gain, i, j, s]
      })
    })
    if (bi < 0) break
    usedA.add(bi)
    usedB.add(bj)
    pairs.push({ source: a[bi] as Term, target: b[bj] as Term, similarity: bs })
  }
  pairs.sort((x, y) => a.indexOf(x.source) - a.indexOf(y.source)) // in the source's word order, for evidence
  return { pairs, leftA: a.filter((_, i) => !usedA.has(i)), leftB: b.filter((_, j) => !usedB.has(j)) }
}

// The head word: the last kind word of the field's own name, else of its parent object.
const lastKind = (terms: readonly Term[]) => {
  const kinds = terms.filter((t) => t.info.family === 'kind' && !t.info.format)
  return kinds.filter((t) => !t.parent).at(-1) ?? kinds.at(-1)
}

function vetoOf(left: Term, other: readonly Term[], isTime: boolean, side: 'source' | 'target'): string | undefined {
  const family = left.info.family
  if (!family) return undefined
  for (const o of other) {
    if (o.info.family === family && EXCLUSIVE.has(family)) return `'${left.concept}' is not '${o.concept}'`
    if (
      (left.concept === 'name' && o.info.family === 'personname' && o.concept !== 'fullname') ||
      (o.concept === 'name' && family === 'personname' && left.concept !== 'fullname')
    )
      return `a ${left.concept === 'name' ? 'name' : left.concept} is not a ${o.concept}`
  }
  if (!ONE_SIDED.has(family)) return undefined
  if (family === 'derived' && (MILD_DERIVED.has(left.concept) || (isTime && PLANNED.has(left.concept))))
    return undefined
  if (family === 'system' && side === 'target') return undefined
  const which = side === 'source' ? 'the source field' : 'the target field'
  switch (family) {
    case 'derived':
      return `'${left.concept}' makes ${which} a derived value`
    case 'person':
      return `${which} is about another person ('${left.concept}')`
    case 'entity':
      return `${which} belongs to another record ('${left.concept}')`
    case 'relation':
      return `${which} points to a ${left.concept} record`
    default:
      return `${which} is a flag the other way ('${left.concept}')`
  }
}

const headOf = (terms: readonly Term[]) => {
  const last = terms.filter((t) => !t.parent && t.info.family !== 'role' && t.info.family !== 'recency').at(-1)
  return last && last.weight >= 0.8 && !last.info.format ? last : undefined
}

// Parts of an address: qualified by another word (origin country, birth city) they are another place.
const PLACES = new Set(['street', 'city', 'state', 'postcode', 'country', 'county', 'district'])

// Heads that classify a record: a qualified one is another classification (legal status, status type).
const CLASSIFIERS = new Set(['status', 'type', 'category', 'stage'])

function classificationVeto(source: Meaning, target: Meaning, leftA: Term[], leftB: Term[]): string | undefined {
  const a = lastKind(source.terms)
  const b = lastKind(target.terms)
  if (!a || !b || !CLASSIFIERS.has(a.concept) || !CLASSIFIERS.has(b.concept)) return undefined
  const extra = [...leftA, ...leftB].find((t) => t.weight >= 0.4 && !t.info.format && t.info.family !== 'role')
  return extra ? `'${extra.concept}' makes it another classification` : undefined
}

/** Agreement of a source and a target name, with the reason when they cannot be the same data. */
export function compareNames(source: Meaning, target: Meaning): NameScore {
  const isTime = [...source.terms, ...target.terms].some((t) => t.concept === 'time')
  const paired = pair(source.terms, target.terms)
  const { pairs } = paired
  // A planned date is what a plain date of a deal or an invoice means: "expected" adds nothing.
  const free = (t: Term) => isTime && PLANNED.has(t.concept)
  const leftA = paired.leftA.filter((t) => !free(t))
  const leftB = paired.leftB.filter((t) => !free(t))
  const notes: string[] = []
  // The last word of each name says what it is: two different ones left over are two things
  // (shipment quantity vs shipment first name), however much else they share.
  const headA = headOf(source.terms)
  const headB = headOf(target.terms)
  if (headA && headB && leftA.includes(headA) && leftB.includes(headB)) {
    return { score: 0, veto: `'${headA.concept}' is not '${headB.concept}'`, pairs, notes, kindsOnly: true }
  }
  const place = pairs.find((p) => PLACES.has(p.source.concept))
  const qualifier =
    place &&
    [...leftA, ...leftB].find(
      (t) => t.info.weight >= 0.8 && t.info.family !== 'role' && t.info.family !== 'recency' && !PLACES.has(t.concept),
    )
  if (qualifier) return { score: 0, veto: `'${qualifier.concept}' makes it another place`, pairs, notes }
  const classification = classificationVeto(source, target, leftA, leftB)
  if (classification) return { score: 0, veto: classification, pairs, notes }
  for (const l of [...leftA, ...leftB]) {
    // The latest source or the first owner is another value than the source or the owner.
    if (l.info.family === 'recency' && !isTime && l.weight > 0.05) {
      return { score: 0, veto: `'${l.concept}' of several is another value`, pairs, notes }
    }
  }
  for (const l of leftA) {
    const why = vetoOf(l, leftB, isTime, 'source')
    if (why) return { score: 0, veto: why, pairs, notes, ...(l.info.family === 'kind' ? { kindsOnly: true } : {}) }
    if (l.info.family === 'system') return { score: 0, veto: `another system's field ('${l.concept}')`, pairs, notes }
  }
  for (const l of leftB) {
    const why = vetoOf(l, leftA, isTime, 'target')
    if (why) return { score: 0, veto: why, pairs, notes }
  }
  let matched = 0
  let total = 0
  for (const p of pairs) {
    matched += p.similarity * (p.source.weight + p.target.weight)
    total += p.source.weight + p.target.weight
  }
  // A moment a plain date usually means (an invoice's issue date) costs little when left unsaid.
  for (const l of [...leftA, ...leftB]) total += l.info.usual ? l.weight * 0.3 : l.weight
  let score = total === 0 ? 0 : matched / total
  // A role on one side only: the shipping address is not what a plain address field means.
  for (const l of [...leftA, ...leftB]) {
    if (l.info.alternate) {
      score *= 1 - l.info.alternate
      notes.push(`'${l.concept}' is an alternate`)
    }
    if (l.info.family === 'system') {
      score *= 0.7
      notes.push(`the target names another system ('${l.concept}')`)
    }
    if (l.info.family === 'event' && !l.info.usual) {
      score *= 0.6
      notes.push(`only one side names the moment ('${l.concept}')`)
    }
    if (l.info.family === 'derived' && !MILD_DERIVED.has(l.concept)) score *= 0.8
  }
  // The second of several (phone2, address2) is not the one a plain field means.
  for (const p of pairs) {
    const ord = p.source.ordinal ?? 1
    if ((p.target.ordinal ?? 1) !== ord) {
      score *= 0.7
      notes.push(`number ${ord} of several`)
    }
  }
  // The head word decides what a name holds: value_currency is a currency, not a value.
  for (const [left, terms] of [
    [leftA, source.terms],
    [leftB, target.terms],
  ] as const) {
    const head = lastKind(terms)
    if (head && left.includes(head)) {
      score *= 0.5
      notes.push(`'${head.concept}' is what one side holds`)
    }
  }
  // Sharing only generic words (id, name, date) while a distinctive word is left over proves little.
  const distinctShared = pairs.some((p) => Math.min(p.source.weight, p.target.weight) >= 0.6)
  const distinctLeft = [...leftA, ...leftB].some((l) => l.weight >= 0.8)
  if (!distinctShared && distinctLeft) score *= 0.6
  return { score, pairs, notes }
}
