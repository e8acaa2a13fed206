// A person's decision on a mapping, as the matcher weighs it (a MappingDecision with its precedent) and as
// the knowledge base keeps it (one small document per decision, so hybrid retrieval finds the ones made on
// fields of similar names). The document and the query a stream's field asks with are written in the same
// words, so the same field reads the same.
import { spelledWords } from '../../aam/drift/name-tokens.ts'
import type { KbDocumentInput } from '../../nlp/kb/document.ts'
import { METADATA_KEY_PREFIX } from '../../nlp/kb/metadata-documents.ts'
import type { MappingDecision } from './result.ts'

/** The newest version of a mapping when a person accepted or rejected it (or stated it by hand). */
export interface DecidedMapping {
  id: string
  stream: string
  connection: string | null
  sourcePath: string
  entity: string
  field: string
  status: 'accepted' | 'rejected'
  decidedAt: Date
  note: string | null
  by: string | null
}

/** Decided mappings' knowledge-base documents: `aos-metadata/mappings/<version id>` (removed with the metadata refresh). */
export const MAPPING_DOCUMENT_PREFIX = `${METADATA_KEY_PREFIX}mappings/`
/** The metadata every mapping document carries, to retrieve among them only. */
export const MAPPING_DOCUMENT_FILTER = { kind: 'mapping' } as const

export const mappingIdOfKey = (key: string) =>
  key.startsWith(MAPPING_DOCUMENT_PREFIX) ? key.slice(MAPPING_DOCUMENT_PREFIX.length) : null

/** A source field in the words both the documents and the queries use; with its target once there is one. */
export function mappingInWords(source: string, target?: { entity: string; field: string }): string {
  const from = `mapping of field ${source} (${spelledWords(source)})`
  return target ? `${from} to ${target.entity}.${target.field} (${spelledWords(target.field)})` : from
}

export function precedentOf(d: DecidedMapping): MappingDecision {
  return {
    source: d.sourcePath,
    target: d.field,
    verdict: d.status,
    precedent: {
      id: d.id,
      entity: d.entity,
      where: d.stream,
      at: d.decidedAt.toISOString(),
      ...(d.by ? { by: d.by } : {}),
    },
  }
}

export function mappingDocument(d: DecidedMapping): KbDocumentInput {
  const what = mappingInWords(d.sourcePath, d)
  const by = d.by ? ` by ${d.by}` : ''
  const on = d.connection ? `stream ${d.stream} of connection ${d.connection}` : `stream ${d.stream}`
  return {
    key: `${MAPPING_DOCUMENT_PREFIX}${d.id}`,
    title: `Mapping ${d.status}: ${what}`,
    sourceKind: 'metadata',
    metadata: { ...MAPPING_DOCUMENT_FILTER, mapping_id: d.id, decision: d.status, entity: d.entity },
    text: [
      `# Mapping ${d.status}: ${what}`,
      '',
      `On ${on}: ${d.sourcePath} → ${d.entity}.${d.field}. ${d.status === 'accepted' ? 'Accepted' : 'Rejected'}${by} on ${d.decidedAt.toISOString().slice(0, 10)}.${d.note ? ` Note: “${d.note}”.` : ''}`,
    ].join('\n'),
  }
}

/** A precedent as a reviewer (or the LLM) reads it: "A similar mapping Web Site → account.domain … was rejected by …". */
export function precedentInWords(d: MappingDecision, similarity: number): string {
  const p = d.precedent
  if (!p) return `The tenant ${d.verdict} ${d.source} → ${d.target} before.`
  const by = p.by ? ` by ${p.by}` : ''
  const same = similarity === 1 ? 'The same mapping' : 'A similar mapping'
  const how = similarity === 1 ? '' : ` (similarity ${similarity.toFixed(2)})`
  return `${same} ${d.source} → ${p.entity}.${d.target} on ${p.where} was ${d.verdict}${by} on ${p.at.slice(0, 10)}${how}.`
}
