// The workspace's own metadata as knowledge-base documents, one per connection: its streams with their
// fields, the drift each has seen and what was done, and the mappings of its fields, in Markdown so each
// stream is a section the assistant can cite. Rebuilt whole each time; ingestion keeps what did not change.
import type { DriftChange } from '../../aam/schema-snapshot.ts'
import type { KbDocumentInput } from './document.ts'

export interface MetadataConnection {
  id: string
  name: string
  kind: string
  driftPolicy: string
  lastSyncedAt: Date | null
  streams: readonly {
    name: string
    records: number
    paused: boolean
    held: boolean
    fields: readonly { path: string; type: string; nullable: boolean }[]
    drift: readonly { detectedAt: Date; changes: readonly DriftChange[]; action: string; review: string | null }[]
    mappings: readonly { sourcePath: string; entity: string; field: string; status: string; confidence: number }[]
  }[]
}

/** Every metadata document's key starts so: the refresh deletes the ones whose connection is gone. */
export const METADATA_KEY_PREFIX = 'aos-metadata/connections/'

const day = (d: Date) => d.toISOString().slice(0, 10)

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

function streamSection(stream: MetadataConnection['streams'][number]): string[] {
  const state = stream.held ? 'held for review (breaking drift)' : stream.paused ? 'paused' : 'active'
  const lines = [
    `## Stream ${stream.name}`,
    '',
    `${stream.records.toLocaleString('en-US')} record${stream.records === 1 ? '' : 's'} stored. Status: ${state}.`,
  ]
  if (stream.fields.length > 0)
    lines.push(
      '',
      `Fields: ${stream.fields.map((f) => `${f.path} (${f.type}${f.nullable ? ', nullable' : ''})`).join(', ')}.`,
    )
  if (stream.drift.length > 0) {
    lines.push('', `### Drift of ${stream.name}`, '')
    for (const d of stream.drift)
      lines.push(
        `- ${day(d.detectedAt)}: ${d.changes.map(changeInWords).join('; ')}. Action: ${d.action.replaceAll('_', ' ')}${d.review ? `, review ${d.review}` : ''}.`,
      )
  }
  if (stream.mappings.length > 0) {
    lines.push('', `### Mappings of ${stream.name}`, '')
    for (const m of stream.mappings)
      lines.push(
        `- ${m.sourcePath} maps to ${m.entity}.${m.field} (${m.status}, confidence ${Math.round(m.confidence * 100)}%).`,
      )
  }
  return lines
}

export function metadataDocuments(connections: readonly MetadataConnection[]): KbDocumentInput[] {
  return connections.map((c) => ({
    key: `${METADATA_KEY_PREFIX}${c.id}`,
    title: `Connection ${c.name}`,
    sourceKind: 'metadata',
    metadata: { kind: 'connection', connection_id: c.id, connector: c.kind },
    text: [
      `# Connection ${c.name}`,
      '',
      `A ${c.kind} connection with ${c.streams.length} stream${c.streams.length === 1 ? '' : 's'}. Drift policy: ${c.driftPolicy.replaceAll('_', ' ')}. Last synced: ${c.lastSyncedAt ? c.lastSyncedAt.toISOString() : 'never'}.`,
      '',
      ...c.streams.flatMap((s) => [...streamSection(s), '']),
    ]
      .join('\n')
      .trim(),
  }))
}
