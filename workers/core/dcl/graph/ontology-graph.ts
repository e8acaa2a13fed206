// The ontology graph: how a tenant's data hangs together, from sources down to canonical entities.
// Nodes are sources (connections), streams, fields and canonical entities; edges say a stream is
// read from a source (derived_from), a field belongs to a stream (has_field), a field fills a
// canonical field (maps_to: the connector's own mapping or the mapping registry's) and a field holds
// the ids of another stream's records (references, read from `<stream>_id` / `<Stream>Id` names).
import { z } from 'zod'
import type { SnapshotField } from '../../aam/schema-snapshot.ts'
import { streamEntityOf } from '../../aam/source-record.ts'

export const GRAPH_NODE_KINDS = ['source', 'stream', 'field', 'entity'] as const
export const GRAPH_EDGE_KINDS = ['derived_from', 'has_field', 'maps_to', 'references'] as const

const Detail = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))

export const GraphNodeSchema = z
  .object({
    id: z.string(),
    kind: z.enum(GRAPH_NODE_KINDS),
    label: z.string(),
    detail: Detail,
  })
  .meta({ id: 'GraphNode' })

export const GraphEdgeSchema = z
  .object({
    id: z.string(),
    kind: z.enum(GRAPH_EDGE_KINDS),
    source: z.string(),
    target: z.string(),
    label: z.string().nullable(),
    detail: Detail,
  })
  .meta({ id: 'GraphEdge' })

export const OntologyGraphSchema = z
  .object({
    nodes: z.array(GraphNodeSchema),
    edges: z.array(GraphEdgeSchema),
    counts: z.record(z.enum([...GRAPH_NODE_KINDS, ...GRAPH_EDGE_KINDS]), z.number().int()),
  })
  .meta({ id: 'OntologyGraph' })
export type OntologyGraph = z.infer<typeof OntologyGraphSchema>
type GraphNode = z.infer<typeof GraphNodeSchema>
type GraphEdge = z.infer<typeof GraphEdgeSchema>

export interface GraphInput {
  connections: readonly { id: string; name: string; kind: string }[]
  streams: readonly {
    id: string
    connectionId: string
    name: string
    schema: readonly SnapshotField[]
    recordCount: number
  }[]
  /** The newest version of each registry mapping; rejected and deprecated ones draw no edge. */
  mappings: readonly {
    id: string
    sourceSystem: string
    connectionId: string | null
    sourceStream: string
    sourcePath: string
    entity: string
    field: string
    status: string
    confidence: number
    transform: string
  }[]
  /** Unified records per canonical entity in the DCL. */
  entityCounts: Readonly<Record<string, number>>
}

/** `account`, `Accounts`, `account_id`, `AccountId` → `account`: names compared across separators and plurals. */
const stem = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/(ies)$/, 'y')
    .replace(/s$/, '')

const referencedName = (path: string) => /^(.+?)(?:_id|Id|ID)$/.exec(path.split('.').pop() ?? '')?.[1]

export function buildOntologyGraph(input: GraphInput): OntologyGraph {
  const nodes = new Map<string, GraphNode>()
  const edges = new Map<string, GraphEdge>()
  const addEdge = (kind: GraphEdge['kind'], source: string, target: string, label: string | null, detail = {}) => {
    const id = `${kind}:${source}->${target}`
    if (!edges.has(id)) edges.set(id, { id, kind, source, target, label, detail })
  }
  const entityNode = (entity: string) => {
    const id = `entity:${entity}`
    if (!nodes.has(id))
      nodes.set(id, { id, kind: 'entity', label: entity, detail: { unified_records: input.entityCounts[entity] ?? 0 } })
    return id
  }
  const fieldNode = (streamId: string, path: string, type: string | null) => {
    const id = `field:${streamId}:${path}`
    if (!nodes.has(id)) {
      nodes.set(id, { id, kind: 'field', label: path, detail: { type, in_schema: type !== null } })
      addEdge('has_field', `stream:${streamId}`, id, null)
    }
    return id
  }

  const connections = new Map(input.connections.map((c) => [c.id, c]))
  for (const c of input.connections) {
    nodes.set(`source:${c.id}`, { id: `source:${c.id}`, kind: 'source', label: c.name, detail: { kind: c.kind } })
  }
  for (const s of input.streams) {
    const connection = connections.get(s.connectionId)
    if (!connection) continue
    const streamId = `stream:${s.id}`
    nodes.set(streamId, { id: streamId, kind: 'stream', label: s.name, detail: { records: s.recordCount } })
    addEdge('derived_from', streamId, `source:${s.connectionId}`, null)
    for (const f of s.schema) fieldNode(s.id, f.path, f.type)
  }

  for (const m of input.mappings) {
    if (m.status !== 'accepted' && m.status !== 'proposed') continue
    const entity = entityNode(m.entity)
    for (const s of input.streams) {
      const connection = connections.get(s.connectionId)
      const applies =
        connection &&
        s.name === m.sourceStream &&
        (m.connectionId ? m.connectionId === s.connectionId : m.sourceSystem === connection.kind)
      if (!applies) continue
      const type = s.schema.find((f) => f.path === m.sourcePath)?.type ?? null
      addEdge('maps_to', fieldNode(s.id, m.sourcePath, type), entity, m.field, {
        status: m.status,
        provenance: 'registry',
        confidence: m.confidence,
        transform: m.transform,
        mapping_id: m.id,
      })
    }
  }

  // The connector's own mapping, where the registry does not already say something for the field.
  for (const s of input.streams) {
    const connection = connections.get(s.connectionId)
    if (!connection) continue
    const builtIn = streamEntityOf(connection.kind, s.name, s.schema)
    if (builtIn) {
      for (const [target, path] of Object.entries(builtIn.mapping)) {
        addEdge('maps_to', fieldNode(s.id, path, null), entityNode(builtIn.entity), target, {
          status: 'accepted',
          provenance: 'connector',
          confidence: 1,
        })
      }
    }
  }

  for (const s of input.streams) {
    const siblings = input.streams.filter((other) => other.connectionId === s.connectionId)
    for (const f of s.schema) {
      const name = referencedName(f.path)
      if (!name) continue
      const target = siblings.find((other) => other.id !== s.id && stem(other.name) === stem(name))
      if (target) addEdge('references', `field:${s.id}:${f.path}`, `stream:${target.id}`, null)
    }
  }

  const counts = Object.fromEntries([...GRAPH_NODE_KINDS, ...GRAPH_EDGE_KINDS].map((k) => [k, 0])) as Record<
    (typeof GRAPH_NODE_KINDS)[number] | (typeof GRAPH_EDGE_KINDS)[number],
    number
  >
  for (const n of nodes.values()) counts[n.kind]++
  for (const e of edges.values()) counts[e.kind]++
  return { nodes: [...nodes.values()], edges: [...edges.values()], counts }
}
