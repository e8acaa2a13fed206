// Schema matching: which field of a canonical entity each field of a source stream fills. Pure:
// the caller passes the two schemas (with samples where it has them), optionally values already
// stored in the target entity and the tenant's past verdicts, and gets suggestions with a
// confidence, their evidence in words, the fields left unmatched and why, and which of either are
// ambiguous enough to be worth an LLM's or a person's opinion. No LLM is called here.
import type { SnapshotField } from '../../aam/schema-snapshot.ts'
import { assign, type Candidate } from './assign.ts'
import { indexDecisions, sameName } from './decisions.ts'
import { readField, type Term } from './field-meaning.ts'
import { conceptSimilarity, relatedConcepts } from './lexicon/concepts.ts'
import type { MappingDecision, MappingResult } from './result.ts'
import { idEntityOf, inContext, type SchemaFacts, schemaFacts } from './schema-context.ts'
import { type FieldView, scorePair } from './score-pair.ts'
import { summarizeSamples } from './value-kinds.ts'

export interface MatchSchemasInput {
  source: readonly SnapshotField[]
  target: readonly SnapshotField[]
  /** Values already stored in the target entity, by target path (e.g. from the unified view). */
  targetSamples?: Readonly<Record<string, readonly unknown[]>>
  /** The tenant's earlier verdicts on source → target pairs. */
  decisions?: readonly MappingDecision[]
  /** Lowest confidence suggested (default 0.5). */
  threshold?: number
}

export const DEFAULT_THRESHOLD = 0.5
const identifying = (t: Term) =>
  t.weight >= 0.8 && t.info.family !== 'role' && t.info.family !== 'entity' && t.info.family !== 'recency'
const AMBIGUITY_MARGIN = 0.12

/** Fields that hold values: an object with children is only their container. */
function leaves(schema: readonly SnapshotField[]): SnapshotField[] {
  const parents = new Set(schema.map((f) => f.path.slice(0, Math.max(0, f.path.lastIndexOf('.')))))
  return schema.filter((f) => !(f.type === 'object' && parents.has(f.path)))
}

function readSide(
  fields: readonly SnapshotField[],
  own: ReadonlySet<string>,
  values?: MatchSchemasInput['targetSamples'],
  numbered = false,
): { views: FieldView[]; facts: SchemaFacts } {
  const raw = fields.map((f) => readField(f.path))
  const facts = schemaFacts(raw, own)
  const views = fields.map((field, i): FieldView => {
    const stored = values?.[field.path]
    const samples = summarizeSamples(stored ?? field.samples)
    const idEntity = idEntityOf(field.samples)
    return {
      field,
      meaning: inContext(raw[i] ?? readField(field.path), field, samples, facts, own, numbered),
      samples,
      ...(stored ? { values: stored } : {}),
      ...(idEntity ? { idEntity } : {}),
    }
  })
  markSeconds(views)
  return { views, facts }
}

const shape = (v: FieldView) =>
  v.meaning.terms
    .map((t) => t.concept)
    .sort()
    .join(' ')

/** Flags the second (third…) of several fields whose first is also in the schema. */
function markSeconds(views: FieldView[]): void {
  const firsts = new Set(views.filter((v) => v.meaning.terms.every((t) => (t.ordinal ?? 1) === 1)).map(shape))
  for (const v of views) {
    if (v.meaning.terms.some((t) => (t.ordinal ?? 1) > 1) && firsts.has(shape(v))) v.secondOfSeveral = true
  }
}

/** The entity being mapped, and kinds of record that are it here (a transaction of an invoice table). */
function ownEntities(
  source: readonly SnapshotField[],
  target: readonly SnapshotField[],
): { own: Set<string>; targetEntity?: string } {
  const own = new Set<string>()
  const [targetEntity, sourceEntity] = [target, source].map(
    (fields) => schemaFacts(fields.map((f) => readField(f.path))).entity,
  )
  for (const e of [targetEntity, sourceEntity]) {
    if (e) for (const c of relatedConcepts(e)) if (conceptSimilarity(e, c) >= 0.7) own.add(c)
  }
  return { own, ...(targetEntity ? { targetEntity } : {}) }
}

export function matchSchemas(input: MatchSchemasInput): MappingResult {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD
  const sourceFields = leaves(input.source)
  const targetFields = leaves(input.target)
  const { own, targetEntity } = ownEntities(sourceFields, targetFields)
  const tgt = readSide(targetFields, own, input.targetSamples)
  const numbered = tgt.views.some((v) => v.meaning.terms.length === 1 && v.meaning.terms[0]?.concept === 'number')
  const src = readSide(sourceFields, own, undefined, numbered)
  const ctx = {
    own,
    ...(targetEntity ? { targetEntity } : {}),
    splitHouseNumber: tgt.views.some((v) => v.meaning.terms.some((t) => t.concept === 'housenumber')),
    decisions: indexDecisions(input.decisions),
  }

  // Only targets that share a concept (or a related one) with a source can score above zero.
  const byConcept = new Map<string, number[]>()
  tgt.views.forEach((v, j) => {
    for (const t of v.meaning.terms) {
      const list = byConcept.get(t.concept)
      if (list) list.push(j)
      else byConcept.set(t.concept, [j])
    }
  })
  const targetIndex = new Map(targetFields.map((f, j) => [f.path, j]))

  const candidates: Candidate[] = []
  const reasons = new Map<number, string>()
  src.views.forEach((sv, i) => {
    // Candidates share a word that says what the field is (city, email, won), or, for names made of
    // generic words only (id, date, Kundennummer), any word.
    const reach = new Set<number>()
    const reachBy = (terms: readonly Term[]) => {
      for (const t of terms)
        for (const c of relatedConcepts(t.concept)) for (const j of byConcept.get(c) ?? []) reach.add(j)
    }
    reachBy(sv.meaning.terms.filter(identifying))
    if (reach.size === 0) reachBy(sv.meaning.terms)
    // A pair the tenant accepted before (for this field or one of the same name) is considered
    // whatever the names say, and so is a target already holding the same values.
    for (const d of input.decisions ?? []) {
      const j = d.verdict === 'accepted' && sameName(d.source, sv.field.path) ? targetIndex.get(d.target) : undefined
      if (j !== undefined) reach.add(j)
    }
    if (sv.field.samples?.length) {
      tgt.views.forEach((tv, j) => {
        if (tv.values) reach.add(j)
      })
    }
    for (const j of reach) {
      const tv = tgt.views[j] as FieldView
      const outcome = scorePair(sv, tv, ctx)
      if (outcome.kind === 'veto') {
        if (outcome.shared && !reasons.has(i)) reasons.set(i, `not '${tv.field.path}': ${outcome.reason}`)
        continue
      }
      if (outcome.confidence < 0.2) continue
      candidates.push({ source: i, target: j, ...outcome })
    }
  })
  const { suggestions, unmatched } = assign(
    candidates,
    sourceFields.map((f) => f.path),
    targetFields.map((f) => f.path),
    reasons,
    { threshold, margin: AMBIGUITY_MARGIN, anchorsNeeded: sourceFields.length >= 8 ? 2 : 1 },
  )
  const ambiguous = suggestions.filter((s) => s.ambiguous).length + unmatched.filter((u) => u.ambiguous).length
  return { suggestions, unmatched, ambiguous_fields: ambiguous }
}
