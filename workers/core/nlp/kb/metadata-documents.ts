// The workspace's own metadata as knowledge-base documents, each small enough to be found by what it is about:
// one per connection (its streams, fields and mappings), one per stream that has drifted (what changed, when,
// and what was decided), one per unified view that has rows (its size, the sources feeding it, its last
// refresh). Markdown, so each part is a section the assistant can cite. Rebuilt whole each time; ingestion
// keeps what did not change.
import type { DriftChange } from '../../aam/schema-snapshot.ts'
import type { KbDocumentInput } from './document.ts'

export interface MetadataDrift {
  detectedAt: Date
  changes: readonly DriftChange[]
  action: string
  review: string | null
  decidedAt: Date | null
  decisionComment: string | null
  /** What the repair engine proposed for it, and what became of each. */
  repairs: readonly { summary: string; status: string; confidence: number; byEngine: boolean }[]
}

export interface MetadataConnection {
  id: string
  name: string
  kind: string
  driftPolicy: string
  lastSyncedAt: Date | null
  streams: readonly {
    id: string
    name: string
    records: number
    paused: boolean
    held: boolean
    fields: readonly { path: string; type: string; nullable: boolean }[]
    /** Newest first. */
    drift: readonly MetadataDrift[]
    mappings: readonly { sourcePath: string; entity: string; field: string; status: string; confidence: number }[]
  }[]
}

export interface MetadataView {
  entity: string
  rows: number
  members: number
  refreshedAt: Date | null
  /** Canonical event sources (`/connections/<id>/<stream>`) with the rows each feeds, most first. */
  sources: readonly { source: string; rows: number }[]
}

/** Every metadata document's key starts so: the refresh deletes the ones whose subject is gone. */
export const METADATA_KEY_PREFIX = 'aos-metadata/'

const day = (d: Date) => d.toISOString().slice(0, 10)
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

function changeInWords(change: DriftChange): string {
  switch (change.kind) {
    case 'added':
      return `field \`${change.path}\` added`
    case 'removed':
      return `field \`${change.path}\` removed`
    case 'renamed':
      return `field \`${change.from}\` renamed to \`${change.to}\``
    case 'type_changed':
      return `field \`${change.path}\` changed type from ${change.from} to ${change.to}`
    case 'nullability_changed':
      return `field \`${change.path}\` became ${change.to === 'nullable' ? 'nullable' : 'required'}`
  }
}

function decisionInWords(d: MetadataDrift): string {
  if (d.review === null) return 'no review needed'
  if (d.review === 'pending') return 'awaiting a decision'
  const when = d.decidedAt ? ` on ${day(d.decidedAt)}` : ''
  return `${d.review}${when}${d.decisionComment ? ` (“${d.decisionComment}”)` : ''}`
}

/** " Repairs: Repoint contact.phone from Phone to PhoneNumber (applied by the engine, confidence 0.82)." */
function repairsInWords(d: MetadataDrift): string {
  if (d.repairs.length === 0) return ''
  const each = d.repairs.map((r) => {
    const by = r.status === 'applied' && r.byEngine ? ' by the engine' : ''
    return `${r.summary} (${r.status}${by}, confidence ${r.confidence.toFixed(2)})`
  })
  return ` Repairs: ${each.join('; ')}.`
}

type Stream = MetadataConnection['streams'][number]

function streamSection(stream: Stream): string[] {
  const state = stream.held ? 'held for review (breaking drift)' : stream.paused ? 'paused' : 'active'
  const lines = [`## Stream ${stream.name}`, '', `${plural(stream.records, 'record')} stored. Status: ${state}.`]
  if (stream.fields.length > 0)
    lines.push(
      '',
      `Fields: ${stream.fields.map((f) => `${f.path} (${f.type}${f.nullable ? ', nullable' : ''})`).join(', ')}.`,
    )
  const [latest] = stream.drift
  if (latest)
    lines.push(
      '',
      `Schema drift: ${plural(stream.drift.length, 'change')} recorded, the latest on ${day(latest.detectedAt)}.`,
    )
  if (stream.mappings.length > 0) {
    lines.push('', `### Mappings of ${stream.name}`, '')
    for (const m of stream.mappings)
      lines.push(
        `- ${m.sourcePath} maps to ${m.entity}.${m.field} (${m.status}, confidence ${Math.round(m.confidence * 100)}%).`,
      )
  }
  return lines
}

const connectionDocument = (c: MetadataConnection): KbDocumentInput => ({
  key: `${METADATA_KEY_PREFIX}connections/${c.id}`,
  title: `Connection ${c.name}`,
  sourceKind: 'metadata',
  metadata: { kind: 'connection', connection_id: c.id, connector: c.kind },
  text: [
    `# Connection ${c.name}`,
    '',
    `A ${c.kind} connection with ${plural(c.streams.length, 'stream')}. Drift policy: ${c.driftPolicy.replaceAll('_', ' ')}. Last synced: ${c.lastSyncedAt ? c.lastSyncedAt.toISOString() : 'never'}.`,
    '',
    ...c.streams.flatMap((s) => [...streamSection(s), '']),
  ]
    .join('\n')
    .trim(),
})

/** The changes of one stream's schema, newest first: "what changed in Salesforce Account" lands here. */
const driftDocument = (c: MetadataConnection, s: Stream): KbDocumentInput => ({
  key: `${METADATA_KEY_PREFIX}drift/${s.id}`,
  title: `Schema changes in ${c.name} ${s.name}`,
  sourceKind: 'metadata',
  metadata: { kind: 'drift', connection_id: c.id, stream: s.name },
  text: [
    `# Schema changes in ${c.name} ${s.name}`,
    '',
    `What changed in the schema (drift) of stream ${s.name} of the ${c.kind} connection ${c.name}, newest first, and what was done about it.`,
    '',
    ...s.drift.map(
      (d) =>
        `- ${day(d.detectedAt)}: ${d.changes.map(changeInWords).join('; ')}. Action: ${d.action.replaceAll('_', ' ')}; decision: ${decisionInWords(d)}.${repairsInWords(d)}`,
    ),
  ].join('\n'),
})

const SOURCE = /^\/connections\/([^/]+)\/(.+)$/

function viewDocument(view: MetadataView, connections: readonly MetadataConnection[]): KbDocumentInput {
  const sourceName = (source: string) => {
    const [, id, stream] = SOURCE.exec(source) ?? []
    const connection = connections.find((c) => c.id === id)
    return connection ? `connection ${connection.name}, stream ${stream}` : source
  }
  return {
    key: `${METADATA_KEY_PREFIX}views/${view.entity}`,
    title: `Unified view ${view.entity}`,
    sourceKind: 'metadata',
    metadata: { kind: 'view', entity: view.entity },
    text: [
      `# Unified view ${view.entity}`,
      '',
      `${plural(view.rows, `unified ${view.entity} row`)} (one per real-world ${view.entity} after entity resolution), merged from ${plural(view.members, 'source record')} of ${plural(view.sources.length, 'source')}. Last refreshed: ${view.refreshedAt ? view.refreshedAt.toISOString() : 'never'}.`,
      '',
      // No heading: a section would be a chunk of its own, apart from the view it is about.
      `Sources feeding the ${view.entity} view:`,
      ...view.sources.map((s) => `- ${sourceName(s.source)}: in ${plural(s.rows, 'row')}.`),
    ].join('\n'),
  }
}

export function metadataDocuments(
  connections: readonly MetadataConnection[],
  views: readonly MetadataView[] = [],
): KbDocumentInput[] {
  return [
    ...connections.map(connectionDocument),
    ...connections.flatMap((c) => c.streams.filter((s) => s.drift.length > 0).map((s) => driftDocument(c, s))),
    ...views.filter((v) => v.rows > 0).map((v) => viewDocument(v, connections)),
  ]
}
