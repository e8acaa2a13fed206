// A tenant's past verdicts on pairs. A verdict on this very field settles the pair (accepted: it
// is suggested whatever the names say; rejected: never again). A verdict on a field of the same
// name from another stream of the tenant only leans the score, since that stream may differ.
import { compactName } from '../../aam/drift/name-tokens.ts'
import type { MappingDecision } from './result.ts'

/** Two field names that differ only in case, spacing or punctuation. */
export const sameName = (a: string, b: string) => compactName(a) === compactName(b)

export interface DecisionEffect {
  kind: 'accepted' | 'rejected' | 'similar-accepted' | 'similar-rejected'
}

export interface DecisionIndex {
  lookup(source: string, target: string): DecisionEffect | undefined
}

export function indexDecisions(decisions: readonly MappingDecision[] = []): DecisionIndex {
  const exact = new Map<string, MappingDecision['verdict']>()
  const similar = new Map<string, MappingDecision['verdict']>()
  for (const d of decisions) {
    exact.set(`${d.source}\u0000${d.target}`, d.verdict)
    similar.set(`${compactName(d.source)}\u0000${d.target}`, d.verdict)
  }
  return {
    lookup(source, target) {
      const e = exact.get(`${source}\u0000${target}`)
      if (e) return { kind: e }
      const s = similar.get(`${compactName(source)}\u0000${target}`)
      return s ? { kind: s === 'accepted' ? 'similar-accepted' : 'similar-rejected' } : undefined
    },
  }
}

/** The confidence after a verdict; undefined removes the candidate. */
export function applyDecision(confidence: number, effect: DecisionEffect | undefined): number | undefined {
  switch (effect?.kind) {
    case 'accepted':
      return Math.max(confidence, 0.98)
    case 'rejected':
      return undefined
    case 'similar-accepted':
      return Math.min(0.97, confidence + (1 - confidence) * 0.6)
    case 'similar-rejected':
      return confidence * 0.4
    default:
      return confidence
  }
}
