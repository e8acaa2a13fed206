// One source field against one target field: names, types, values, the target's own values and
// the tenant's verdicts combined into a confidence with its evidence in words, or the reason the
// two cannot hold the same data.
import type { SnapshotField } from '../../aam/schema-snapshot.ts'
import { applyDecision, type DecisionIndex } from './decisions.ts'
import type { Meaning } from './field-meaning.ts'
import { conceptSimilarity, showConcept } from './lexicon/concepts.ts'
import { compareNames, type NameScore } from './name-score.ts'
import { typeFit } from './type-fit.ts'
import { overlapEvidence, valueEvidence } from './value-evidence.ts'
import type { SampleSummary } from './value-kinds.ts'

export interface FieldView {
  field: SnapshotField
  meaning: Meaning
  samples: SampleSummary | null
  values?: readonly unknown[] // the raw samples (for a target: values already in the entity)
  idEntity?: string // the record kind its id values name (`txn_…` is a transaction)
  // The second of several fields of one kind (telephone2, AddressLine2) whose first is in the schema:
  // only a target that is a second one too may take it.
  secondOfSeveral?: boolean
}

export interface PairContext {
  own: ReadonlySet<string> // the entity being mapped
  targetEntity?: string // the target schema's own entity
  splitHouseNumber: boolean // the target keeps house numbers apart from the street
  decisions: DecisionIndex
}

export type PairOutcome =
  | { kind: 'candidate'; confidence: number; evidence: string[]; loose: boolean; anchor: boolean }
  | { kind: 'veto'; reason: string; shared: boolean }

const LOOSE = 0.8 // a shared word below this similarity is a loose synonym
const MONEY = new Set(['amount', 'price', 'cost', 'revenue', 'total', 'subtotal', 'balance', 'value', 'fee', 'budget'])
// Words every entity has: matching them shows nothing about whether two schemas describe one thing.
const COMMON = new Set([
  'create',
  'update',
  'delete',
  'status',
  'category',
  'reference',
  'description',
  'note',
  'title',
  'owner',
])

function nameEvidence(name: NameScore): { text: string; loose: boolean; anchor: boolean } {
  const same = name.pairs
    .filter((p) => p.similarity === 1 && p.source.weight > 0.1)
    .map((p) => showConcept(p.source.concept))
  const loosePairs = name.pairs.filter((p) => p.similarity < 1)
  const parts = [
    ...(same.length ? [`name tokens match '${same.join(' ')}'`] : []),
    ...loosePairs.map((p) => `'${showConcept(p.source.concept)}' read as '${showConcept(p.target.concept)}'`),
  ]
  return {
    text: parts.join('; '),
    loose: loosePairs.some((p) => p.similarity < LOOSE && Math.max(p.source.weight, p.target.weight) >= 0.5),
    anchor: name.pairs.some(
      (p) => p.similarity >= 0.9 && Math.min(p.source.weight, p.target.weight) >= 0.8 && !COMMON.has(p.source.concept),
    ),
  }
}

/** The record kind a target field refers to: the entity it names, else the one being mapped. */
function referredEntity(meaning: Meaning, own: ReadonlySet<string>): string | undefined {
  const named = meaning.terms.find((t) => t.info.family === 'entity')
  if (named) return named.concept
  return meaning.terms.some((t) => t.concept === 'id') ? [...own][0] : undefined
}

const DECIDED: Record<string, string> = {
  accepted: 'the tenant accepted this pair before',
  rejected: 'the tenant rejected this pair before',
  'similar-accepted': 'the tenant accepted this target for a field of the same name',
  'similar-rejected': 'the tenant rejected this target for a field of the same name',
}

export function scorePair(s: FieldView, t: FieldView, ctx: PairContext): PairOutcome {
  const effect = ctx.decisions.lookup(s.field.path, t.field.path)
  const accepted = effect?.kind === 'accepted'
  const name = compareNames(s.meaning, t.meaning)
  const shared = name.pairs.some((p) => p.source.weight >= 0.5)
  const overlap = t.values ? overlapEvidence(s.field.samples, t.values) : { score: 0 }
  if (name.veto && !accepted && !(name.kindsOnly && overlap.score >= 1))
    return { kind: 'veto', reason: name.veto, shared }
  // Ids that say what they identify: `txn_…` values are not contact ids.
  const referred = referredEntity(t.meaning, ctx.own)
  if (s.idEntity && referred && conceptSimilarity(s.idEntity, referred) === 0 && !accepted) {
    return { kind: 'veto', reason: `its values are ${s.idEntity} ids`, shared }
  }
  if (s.secondOfSeveral && !t.meaning.terms.some((x) => (x.ordinal ?? 1) > 1) && !accepted) {
    return { kind: 'veto', reason: 'the first of its kind fills this target', shared }
  }
  const concepts = t.meaning.terms.map((x) => x.concept)
  const fit = typeFit({
    source: s.field.type,
    target: t.field.type,
    samples: s.samples,
    coded: s.meaning.coded && !t.meaning.coded,
    measure: concepts.some((c) => MONEY.has(c)),
    probability: concepts.includes('probability') || concepts.includes('percent'),
    reference: concepts.at(-1) === 'id',
  })
  let value = valueEvidence(s.samples, t.meaning, t.field.type, t.samples, ctx.own)
  if (ctx.splitHouseNumber && concepts.includes('street') && s.samples?.dominant === 'street') {
    value = { score: -1, note: 'samples hold the house number too, which the target keeps apart' }
  }
  let c = name.score
  // Values back a name that already agrees; they do not make a match on their own.
  if (value.score > 0) c += (1 - c) * 0.5 * value.score * Math.min(1, c / 0.5)
  else c *= 1 + 0.6 * value.score
  if (overlap.score > 0) c += (1 - c) * 0.6 * overlap.score
  else c *= 1 + 0.6 * overlap.score
  c *= Math.sqrt(fit.fit)
  const decided = applyDecision(c, effect)
  if (decided === undefined) return { kind: 'veto', reason: 'the tenant rejected this pair', shared }
  const words = nameEvidence(name)
  const evidence = [
    words.text,
    ...name.notes,
    fit.note,
    value.note,
    'note' in overlap ? overlap.note : undefined,
    effect ? (effect.evidence ?? DECIDED[effect.kind]) : undefined,
  ].filter((e): e is string => typeof e === 'string' && e !== '')
  return {
    kind: 'candidate',
    confidence: Math.min(1, decided),
    evidence,
    // Resting on a loose synonym, or on a verdict or shared values alone: worth a second opinion. A verdict on
    // a field of a merely similar name leans the score but does not settle the doubt (the LLM is told of it).
    loose:
      (words.loose && value.score < 0.5 && (effect === undefined || effect.weight !== undefined)) ||
      (name.score < 0.3 && !accepted),
    // A field that names the record (`deal_name`) says the two schemas describe the same thing.
    anchor:
      words.anchor ||
      accepted ||
      (s.meaning.namesEntity !== undefined &&
        ctx.targetEntity !== undefined &&
        conceptSimilarity(s.meaning.namesEntity, ctx.targetEntity) >= 0.7 &&
        name.score >= 0.95 &&
        !s.meaning.terms.some((t) => t.info.family === 'person')),
  }
}
