// Schema matching: which field of a canonical entity each field of a source stream fills. Pure:
// the caller passes the two schemas (with samples where it has them), optionally values already
// stored in the target entity and the tenant's past verdicts, and gets suggestions with a
// confidence, their evidence in words, the fields left unmatched and why, and which of either are
// ambiguous enough to be worth an LLM's or a person's opinion. No LLM is called here.
import type { SnapshotField } from '../../aam/schema-snapshot.ts'
import { assign, type Candidate } from './assign.ts'
import { applyDecision, indexDecisions } from './decisions.ts'
import { type Meaning, readField } from './field-meaning.ts'
import { relatedConcepts } from './lexicon/concepts.ts'
import { compareNames, type NameScore } from './name-score.ts'
import type { MappingDecision, MappingResult } from './result.ts'
import { inContext, schemaFacts } from './schema-context.ts'
import { typeFit } from './type-fit.ts'
import { overlapEvidence, valueEvidence } from './value-evidence.ts'
import { type SampleSummary, summarizeSamples } from './value-kinds.ts'

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
const AMBIGUITY_MARGIN = 0.12
const LOOSE = 0.8 // a shared word below this similarity is a loose synonym
const MONEY = new Set(['amount', 'price', 'cost', 'revenue', 'total', 'subtotal', 'balance', 'value', 'fee', 'budget'])

interface Side {
  fields: SnapshotField[]
  meanings: Meaning[]
  samples: Array<SampleSummary | null>
}

/** Fields that hold values: an object with children is only their container. */
function leaves(schema: readonly SnapshotField[]): SnapshotField[] {
  const parents = new Set(schema.map((f) => f.path.slice(0, Math.max(0, f.path.lastIndexOf('.')))))
  return schema.filter((f) => !(f.type === 'object' && parents.has(f.path)))
}

function readSide(fields: SnapshotField[], own: ReadonlySet<string>, extra?: MatchSchemasInput['targetSamples']): Side {
  const raw = fields.map((f) => readField(f.path))
  const facts = schemaFacts(raw)
  const samples = fields.map((f) => summarizeSamples(extra?.[f.path] ?? f.samples))
  const meanings = raw.map((m, i) => inContext(m, fields[i] as SnapshotField, samples[i] ?? null, facts, own))
  return { fields, meanings, samples }
}

function entityOf(fields: readonly SnapshotField[]): string | undefined {
  return schemaFacts(fields.map((f) => readField(f.path))).entity
}

function nameEvidence(name: NameScore): { text: string; loose: boolean } {
  const same = name.pairs.filter((p) => p.similarity === 1 && p.source.weight > 0.1).map((p) => p.source.concept)
  const loosePairs = name.pairs.filter((p) => p.similarity < 1)
  const parts = [
    ...(same.length ? [`names agree on ${same.join(', ')}`] : []),
    ...loosePairs.map((p) => `'${p.source.concept}' taken as '${p.target.concept}'`),
  ]
  return {
    text: parts.join('; '),
    loose: loosePairs.some((p) => p.similarity < LOOSE && Math.max(p.source.weight, p.target.weight) >= 0.5),
  }
}

export function matchSchemas(input: MatchSchemasInput): MappingResult {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD
  const sourceFields = leaves(input.source)
  const targetFields = leaves(input.target)
  const own = new Set([entityOf(targetFields), entityOf(sourceFields)].filter((e): e is string => e !== undefined))
  const src = readSide(sourceFields, own)
  const tgt = readSide(targetFields, own, input.targetSamples)
  const decisions = indexDecisions(input.decisions)

  // Only targets that share a concept (or a related one) with a source can score above zero.
  const byConcept = new Map<string, number[]>()
  tgt.meanings.forEach((m, j) => {
    for (const t of m.terms) {
      const list = byConcept.get(t.concept)
      if (list) list.push(j)
      else byConcept.set(t.concept, [j])
    }
  })
  const targetIndex = new Map(targetFields.map((f, j) => [f.path, j]))

  const candidates: Candidate[] = []
  const reasons = new Map<number, string>()
  src.meanings.forEach((sm, i) => {
    const sf = sourceFields[i] as SnapshotField
    const reach = new Set<number>()
    for (const t of sm.terms)
      for (const c of relatedConcepts(t.concept)) for (const j of byConcept.get(c) ?? []) reach.add(j)
    // A pair the tenant accepted before is considered whatever the names say.
    for (const d of input.decisions ?? []) {
      const j = d.source === sf.path && d.verdict === 'accepted' ? targetIndex.get(d.target) : undefined
      if (j !== undefined) reach.add(j)
    }
    for (const j of reach) {
      const tf = targetFields[j] as SnapshotField
      const tm = tgt.meanings[j] as Meaning
      const effect = decisions.lookup(sf.path, tf.path)
      const name = compareNames(sm, tm)
      if (name.veto && effect?.kind !== 'accepted') {
        if (!reasons.has(i) && name.pairs.some((p) => p.source.weight >= 0.6)) {
          reasons.set(i, `not '${tf.path}': ${name.veto}`)
        }
        continue
      }
      const concepts = tm.terms.map((t) => t.concept)
      const fit = typeFit({
        source: sf.type,
        target: tf.type,
        samples: src.samples[i] ?? null,
        coded: sm.coded && !tm.coded,
        measure: concepts.some((c) => MONEY.has(c)),
        probability: concepts.includes('probability') || concepts.includes('percent'),
      })
      const value = valueEvidence(src.samples[i] ?? null, tm, tf.type, tgt.samples[j] ?? null, own)
      const overlap = input.targetSamples?.[tf.path]
        ? overlapEvidence(sf.samples, input.targetSamples[tf.path])
        : { score: 0 }
      let c = name.score
      if (value.score > 0) c += (1 - c) * 0.5 * value.score
      else c *= 1 + 0.6 * value.score
      if (overlap.score > 0) c += (1 - c) * 0.6 * overlap.score
      else c *= 1 + 0.5 * overlap.score
      c *= Math.sqrt(fit.fit)
      const decided = applyDecision(c, effect)
      if (decided === undefined || decided < 0.2) continue
      const named = nameEvidence(name)
      const evidence = [
        named.text,
        ...name.notes,
        fit.note,
        value.note,
        'note' in overlap ? overlap.note : undefined,
        effect
          ? `the tenant ${effect.kind.replace('similar-', 'earlier, for a like-named field, ')} this pair`
          : undefined,
      ].filter((e): e is string => typeof e === 'string' && e !== '')
      candidates.push({
        source: i,
        target: j,
        confidence: Math.min(1, decided),
        evidence,
        loose: named.loose && value.score < 0.5 && effect === undefined,
      })
    }
  })
  const { suggestions, unmatched } = assign(
    candidates,
    sourceFields.map((f) => f.path),
    targetFields.map((f) => f.path),
    reasons,
    { threshold, margin: AMBIGUITY_MARGIN },
  )
  const ambiguous = suggestions.filter((s) => s.ambiguous).length + unmatched.filter((u) => u.ambiguous).length
  return { suggestions, unmatched, ambiguous_fields: ambiguous }
}
