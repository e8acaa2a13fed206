// The tenant's own history as evidence: a repair a person rejected before is less sure the next time,
// one they approved is surer. Decisions are matched by signature (the change in stream-independent
// words) and, beyond the identical one, by how similar two signatures are: a rejected rename of
// `cust_email` → `customer_mail` weighs on a rename of `cust_mail` → `customer_mail` elsewhere.
import type { RepairKind } from '../../contract/vocabulary/repairs.ts'
import { pathSimilarity } from '../aam/drift/name-similarity.ts'
import type { DriftChange } from '../aam/schema-snapshot.ts'

/** A person's earlier decision on a repair (the engine's own applications are not evidence). */
export interface Precedent {
  signature: string
  decision: 'approved' | 'rejected' | 'reverted'
  at: string
  /** The stored repair, so one precedent found twice (same signature and retrieved) counts once. */
  id?: string
  /** Where it was decided, for the evidence: `orders.cust_mail`. */
  where?: string
  /** Who decided it, for the evidence: an email. */
  by?: string
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

/** Below this similarity a decision says nothing about the repair at hand; at 1 it is the same repair. */
export const SIMILARITY_FLOOR = 0.5

/** A signature's parts: the kind, the field names compared by spelling, and what must match exactly. */
function parts(signature: string) {
  const [kind = '', ...rest] = signature.split(':')
  const body = rest.join(':')
  if (kind === 'remap') {
    const [from = '', to = ''] = body.split('>')
    return { kind, names: [from, to], exact: '' }
  }
  if (kind === 'cast' || kind === 'transform') {
    const at = body.lastIndexOf(':')
    return { kind, names: [body.slice(0, at)], exact: body.slice(at + 1) }
  }
  return { kind, names: [body], exact: '' }
}

/**
 * How alike two repairs are, 0 to 1: the same kind of repair, the same type change where there is one,
 * and field names alike as the drift's rename detection reads them (a rename compares both its old and
 * its new name).
 */
export function signatureSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const [pa, pb] = [parts(a), parts(b)]
  if (pa.kind !== pb.kind || pa.exact !== pb.exact || pa.names.length !== pb.names.length) return 0
  const sum = pa.names.reduce((s, name, i) => s + pathSimilarity(name, pb.names[i] ?? ''), 0)
  return Math.round((sum / pa.names.length) * 1000) / 1000
}

/** A repair's kind as a reviewer names it: "a similar rename". */
export const REPAIR_NOUN: Record<RepairKind, string> = {
  remap: 'rename',
  cast: 'cast',
  transform: 'transform',
  deprecate: 'retirement',
}

function inWords(p: Precedent, similarity: number) {
  const where = p.where ? ` on ${p.where}` : ''
  const by = p.by ? ` by ${p.by}` : ''
  const day = p.at.slice(0, 10)
  if (similarity === 1) return `The same repair${where} was ${p.decision}${by} on ${day}.`
  const noun = REPAIR_NOUN[parts(p.signature).kind as RepairKind] ?? 'repair'
  return `A similar ${noun}${where} was ${p.decision}${by} on ${day} (similarity ${similarity.toFixed(2)}).`
}

/**
 * Each person's decision moves the confidence by its weight w (0 at the similarity floor, 1 for the same
 * repair): a rejection or revert multiplies the confidence by 1 − w/2, an approval the doubt. The same
 * repair halves it; a dissimilar one leaves it be. The result stays within (0, 1).
 */
export function withHistory(confidence: number, signature: string, precedents: readonly Precedent[]) {
  let c = confidence
  const evidence: string[] = []
  const seen = new Set<string>()
  for (const p of precedents) {
    if (p.id !== undefined && seen.has(p.id)) continue
    if (p.id !== undefined) seen.add(p.id)
    const similarity = signatureSimilarity(signature, p.signature)
    if (similarity < SIMILARITY_FLOOR) continue
    const w = (similarity - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR)
    c = p.decision === 'approved' ? 1 - (1 - c) * (1 - w / 2) : c * (1 - w / 2)
    evidence.push(inWords(p, similarity))
  }
  return { confidence: Math.round(c * 1000) / 1000, evidence }
}
