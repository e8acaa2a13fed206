// A person's decision on a repair, as the engine weighs it (a Precedent) and as the knowledge base keeps
// it (one small document per decision, so hybrid retrieval finds the similar ones). The document and the
// query a new repair asks with are written in the same words, so the same change reads the same.
import type { RepairKind } from '../../contract/vocabulary/repairs.ts'
import { spelledWords as spelled } from '../aam/drift/name-tokens.ts'
import type { DriftChange } from '../aam/schema-snapshot.ts'
import type { KbDocumentInput } from '../nlp/kb/document.ts'
import { METADATA_KEY_PREFIX } from '../nlp/kb/metadata-documents.ts'
import { type Precedent, REPAIR_NOUN } from './history.ts'

/** A repair a person approved, rejected or reverted, with where and by whom. */
export interface DecidedRepair {
  id: string
  kind: string
  signature: string
  summary: string
  status: string
  decidedAt: Date | null
  comment: string | null
  stream: string
  connection: string
  /** The drift change the repair answered (null only if the drift record no longer holds it). */
  change: DriftChange | null
  by: string | null
}

const DECISION = { applied: 'approved', rejected: 'rejected', reverted: 'reverted' } as const

/** Decided repairs' knowledge-base documents: `aos-metadata/repairs/<id>` (removed with the metadata refresh). */
export const REPAIR_DOCUMENT_PREFIX = `${METADATA_KEY_PREFIX}repairs/`
/** The metadata every repair document carries, to retrieve among them only. */
export const REPAIR_DOCUMENT_FILTER = { kind: 'repair' } as const

export const repairIdOfKey = (key: string) =>
  key.startsWith(REPAIR_DOCUMENT_PREFIX) ? key.slice(REPAIR_DOCUMENT_PREFIX.length) : null

/** The change a repair answers, in the words both the documents and the queries use. */
export function repairInWords(kind: RepairKind, change: DriftChange): string {
  const noun = REPAIR_NOUN[kind]
  if (change.kind === 'renamed')
    return `${noun} of field ${change.from} to ${change.to} (${spelled(change.from)} to ${spelled(change.to)})`
  if (change.kind === 'type_changed')
    return `${noun} of field ${change.path} (${spelled(change.path)}) from ${change.from} to ${change.to}`
  return `${noun} of field ${change.path} (${spelled(change.path)})`
}

const fieldOf = (change: DriftChange | null) => change && (change.kind === 'renamed' ? change.from : change.path)

export function precedentOf(r: DecidedRepair): Precedent {
  const field = fieldOf(r.change)
  return {
    id: r.id,
    signature: r.signature,
    decision: DECISION[r.status as keyof typeof DECISION] ?? 'rejected',
    at: (r.decidedAt ?? new Date(0)).toISOString(),
    where: field ? `${r.stream}.${field}` : r.stream,
    ...(r.by ? { by: r.by } : {}),
  }
}

export function repairDocument(r: DecidedRepair): KbDocumentInput {
  const p = precedentOf(r)
  const what = r.change ? repairInWords(r.kind as RepairKind, r.change) : r.summary
  return {
    key: `${REPAIR_DOCUMENT_PREFIX}${r.id}`,
    title: `Repair ${p.decision}: ${what}`,
    sourceKind: 'metadata',
    metadata: { ...REPAIR_DOCUMENT_FILTER, repair_id: r.id, decision: p.decision },
    text: [
      `# Repair ${p.decision}: ${what}`,
      '',
      `On stream ${r.stream} of connection ${r.connection}: ${r.summary}. ${p.decision[0]?.toUpperCase()}${p.decision.slice(1)}${p.by ? ` by ${p.by}` : ''} on ${p.at.slice(0, 10)}.${r.comment ? ` Comment: “${r.comment}”.` : ''}`,
    ].join('\n'),
  }
}
