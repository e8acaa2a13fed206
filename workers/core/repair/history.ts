// The tenant's own history as evidence: a repair a person rejected before is less sure the next time,
// one they approved is surer. Decisions are matched by signature: the change in stream-independent words.
import type { RepairKind } from '../../contract/vocabulary/repairs.ts'
import type { DriftChange } from '../aam/schema-snapshot.ts'

/** A person's earlier decision on a repair (the engine's own applications are not evidence). */
export interface Precedent {
  signature: string
  decision: 'approved' | 'rejected' | 'reverted'
  at: string
}

/** `PhoneNumber`, `phone-number` and `phone_number` are the same name. */
const norm = (path: string) =>
  path
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')

export function signatureOf(kind: RepairKind, change: DriftChange): string {
  if (change.kind === 'renamed') return `${kind}:${norm(change.from)}>${norm(change.to)}`
  if (change.kind === 'type_changed') return `${kind}:${norm(change.path)}:${change.from}>${change.to}`
  return `${kind}:${norm(change.path)}`
}

/** Each rejection (or revert) halves the confidence; each approval halves the doubt. */
export function withHistory(confidence: number, signature: string, precedents: readonly Precedent[]) {
  const same = precedents.filter((p) => p.signature === signature)
  let c = confidence
  const evidence: string[] = []
  for (const p of same) {
    c = p.decision === 'approved' ? 1 - (1 - c) / 2 : c / 2
    evidence.push(`This workspace ${p.decision} the same repair on ${p.at.slice(0, 10)}.`)
  }
  return { confidence: Math.round(c * 1000) / 1000, evidence }
}
