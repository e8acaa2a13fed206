// A tenant's past verdicts on pairs. A verdict on this very field settles the pair (accepted: it
// is suggested whatever the names say; rejected: never again). A verdict on a field of the same
// name from another stream of the tenant only leans the score, since that stream may differ. A
// precedent retrieved from the knowledge base (precedents.ts) on a field of a similar name leans it
// too, by how alike the two names are, and the evidence names it.
import { pathSimilarity } from '../../aam/drift/name-similarity.ts'
import { compactName } from '../../aam/drift/name-tokens.ts'
import { precedentInWords } from './precedents.ts'
import type { MappingDecision } from './result.ts'

/** Two field names that differ only in case, spacing or punctuation. */
export const sameName = (a: string, b: string) => compactName(a) === compactName(b)

/** Below this name similarity a precedent says nothing about the field at hand (as for repairs). */
export const PRECEDENT_FLOOR = 0.5

export interface DecisionEffect {
  kind: 'accepted' | 'rejected' | 'similar-accepted' | 'similar-rejected'
  /** How much a verdict on another field counts, 0 to 1: 1 for the same name, less the less alike the names. */
  weight?: number
  /** The precedent in words, for a verdict on a field of a similar name. */
  evidence?: string
}

export interface DecisionIndex {
  lookup(source: string, target: string): DecisionEffect | undefined
}

/** The precedents alike enough to a source field's name to count, most alike first. */
function alikePrecedents(source: string, precedents: readonly MappingDecision[]) {
  return precedents
    .map((decision) => ({ decision, similarity: Math.round(pathSimilarity(source, decision.source) * 1000) / 1000 }))
    .filter((p) => p.similarity >= PRECEDENT_FLOOR)
    .sort((a, b) => b.similarity - a.similarity)
}

export function indexDecisions(decisions: readonly MappingDecision[] = []): DecisionIndex {
  const exact = new Map<string, MappingDecision['verdict']>()
  const similar = new Map<string, MappingDecision['verdict']>()
  const precedents = new Map<string, MappingDecision[]>()
  for (const d of decisions) {
    exact.set(`${d.source}\u0000${d.target}`, d.verdict)
    similar.set(`${compactName(d.source)}\u0000${d.target}`, d.verdict)
    if (d.precedent) precedents.set(d.target, [...(precedents.get(d.target) ?? []), d])
  }
  return {
    lookup(source, target) {
      const e = exact.get(`${source}\u0000${target}`)
      if (e) return { kind: e }
      const s = similar.get(`${compactName(source)}\u0000${target}`)
      if (s) return { kind: s === 'accepted' ? 'similar-accepted' : 'similar-rejected' }
      const [p] = alikePrecedents(source, precedents.get(target) ?? [])
      if (!p) return undefined
      return {
        kind: p.decision.verdict === 'accepted' ? 'similar-accepted' : 'similar-rejected',
        weight: (p.similarity - PRECEDENT_FLOOR) / (1 - PRECEDENT_FLOOR),
        evidence: precedentInWords(p.decision, p.similarity),
      }
    },
  }
}

/** The precedents alike enough to a source field to tell an LLM about, most alike first. */
export function precedentsFor(source: string, decisions: readonly MappingDecision[], limit = 5): string[] {
  return alikePrecedents(
    source,
    decisions.filter((d) => d.precedent),
  )
    .slice(0, limit)
    .map((p) => precedentInWords(p.decision, p.similarity))
}

/**
 * The confidence after a verdict; undefined removes the candidate. A verdict on another field moves it by
 * its weight w: a rejection multiplies the confidence by 1 − 0.6w, an acceptance the doubt (never lowering it).
 */
export function applyDecision(confidence: number, effect: DecisionEffect | undefined): number | undefined {
  const w = effect?.weight ?? 1
  switch (effect?.kind) {
    case 'accepted':
      return Math.max(confidence, 0.98)
    case 'rejected':
      return undefined
    case 'similar-accepted':
      return Math.max(confidence, Math.min(0.97, confidence + (1 - confidence) * 0.6 * w))
    case 'similar-rejected':
      return confidence * (1 - 0.6 * w)
    default:
      return confidence
  }
}
