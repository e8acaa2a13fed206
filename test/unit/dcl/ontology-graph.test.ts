import { describe, expect, it } from 'vitest'
import { buildOntologyGraph, type GraphInput } from '../../../workers/core/dcl/graph/ontology-graph.ts'

const field = (path: string, type: 'string' | 'integer' = 'string') => ({ path, type, nullable: true })

const input: GraphInput = {
  connections: [
    { id: 'c1', name: 'CRM exports', kind: 'file' },
    { id: 'c2', name: 'Shop DB', kind: 'postgres' },
  ],
  streams: [
    {
      id: 's1',
      connectionId: 'c1',
      name: 'customers',
      schema: [field('id'), field('mail'), field('paid')],
      recordCount: 30,
    },
    {
      id: 's2',
      connectionId: 'c1',
      name: 'orders',
      schema: [field('id'), field('customer_id'), field('valid')],
      recordCount: 90,
    },
    {
      id: 's3',
      connectionId: 'c2',
      name: 'public.users',
      schema: [field('id'), field('email_address')],
      recordCount: 5,
    },
  ],
  mappings: [
    {
      id: 'm1',
      sourceSystem: 'file',
      connectionId: null,
      sourceStream: 'customers',
      sourcePath: 'mail',
      entity: 'contact',
      field: 'email',
      status: 'accepted',
      confidence: 0.9,
      transform: 'trim',
    },
    {
      id: 'm2',
      sourceSystem: 'postgres',
      connectionId: 'c2',
      sourceStream: 'public.users',
      sourcePath: 'email_address',
      entity: 'contact',
      field: 'email',
      status: 'proposed',
      confidence: 0.7,
      transform: 'none',
    },
    {
      id: 'm3',
      sourceSystem: 'file',
      connectionId: null,
      sourceStream: 'orders',
      sourcePath: 'valid',
      entity: 'contact',
      field: 'email_opt_out',
      status: 'rejected',
      confidence: 0.4,
      transform: 'none',
    },
    {
      id: 'm4',
      sourceSystem: 'postgres',
      connectionId: 'c1',
      sourceStream: 'public.users',
      sourcePath: 'id',
      entity: 'contact',
      field: 'external_id',
      status: 'accepted',
      confidence: 1,
      transform: 'none',
    },
  ],
  entityCounts: { contact: 12 },
}

describe('the ontology graph', () => {
  const graph = buildOntologyGraph(input)
  const edges = (kind: string) => graph.edges.filter((e) => e.kind === kind).map((e) => `${e.source} -> ${e.target}`)

  it('links streams to their sources and fields to their streams', () => {
    expect(edges('derived_from').sort()).toEqual([
      'stream:s1 -> source:c1',
      'stream:s2 -> source:c1',
      'stream:s3 -> source:c2',
    ])
    expect(graph.counts).toMatchObject({ source: 2, stream: 3, field: 8, entity: 1, has_field: 8 })
  })

  it('draws accepted and proposed registry mappings into one canonical entity, across sources, and no rejected one', () => {
    expect(
      graph.edges.filter((e) => e.kind === 'maps_to').map((e) => [e.source, e.target, e.label, e.detail.status]),
    ).toEqual([
      ['field:s1:mail', 'entity:contact', 'email', 'accepted'],
      ['field:s3:email_address', 'entity:contact', 'email', 'proposed'],
    ])
    expect(graph.nodes.find((n) => n.id === 'entity:contact')?.detail).toEqual({ unified_records: 12 })
  })

  it('reads references from <stream>_id names within one source, not from words that end in "id"', () => {
    expect(edges('references')).toEqual(['field:s2:customer_id -> stream:s1'])
  })

  it('shows a connector’s own mapping (Salesforce objects) without any registry entry', () => {
    const salesforce = buildOntologyGraph({
      connections: [{ id: 'sf', name: 'Salesforce', kind: 'salesforce' }],
      streams: [
        {
          id: 'acc',
          connectionId: 'sf',
          name: 'Account',
          schema: [field('Id'), field('Name'), field('Industry'), field('OwnerId')],
          recordCount: 3,
        },
      ],
      mappings: [],
      entityCounts: {},
    })
    const mapsTo = salesforce.edges.filter((e) => e.kind === 'maps_to')
    expect(mapsTo.map((e) => [e.source, e.label])).toEqual(
      expect.arrayContaining([
        ['field:acc:Id', 'external_id'],
        ['field:acc:Name', 'name'],
      ]),
    )
    expect(mapsTo.every((e) => e.target === 'entity:account' && e.detail.provenance === 'connector')).toBe(true)
  })
})
