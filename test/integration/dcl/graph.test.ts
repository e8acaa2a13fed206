import { beforeAll, describe, expect, it } from 'vitest'
import { call, signup } from '../../support/api.ts'
import { waitForJob } from '../../support/jobs.ts'

type Graph = {
  nodes: { id: string; kind: string; label: string; detail: Record<string, unknown> }[]
  edges: { kind: string; source: string; target: string; label: string | null }[]
  counts: Record<string, number>
}

describe('GET /v1/dcl/graph', () => {
  let token: string
  let other: string

  beforeAll(async () => {
    token = (await signup('Graph Co')).tokens.access_token
    other = (await signup('Graph Other Co')).tokens.access_token
    const res = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'CRM', config: { primary_key: 'id' } },
    })
    const connectionId = ((await res.json()) as { id: string }).id
    for (const [stream, body] of [
      ['customers', 'id,mail,name\n1,a@example.com,Ann\n2,b@example.com,Bo'],
      ['orders', 'id,customer_id,total\n10,1,9.5\n11,2,3'],
    ] as const) {
      const upload = await call(`/v1/connections/${connectionId}/files?stream=${stream}`, {
        token,
        body,
        headers: { 'content-type': 'text/csv' },
      })
      const job = await waitForJob(token, ((await upload.json()) as { job_id: string }).job_id, ['succeeded', 'dead'])
      expect(job.status).toBe('succeeded')
    }
    const mapped = await call('/v1/dcl/mappings', {
      token,
      body: {
        source_system: 'file',
        source_stream: 'customers',
        source_path: 'mail',
        entity: 'contact',
        field: 'email',
      },
    })
    expect(mapped.status).toBe(201)
  })

  it('draws the tenant’s sources, streams, fields, the mapping into a canonical entity and the reference between streams', async () => {
    const graph = (await (await call('/v1/dcl/graph', { token })).json()) as Graph
    expect(graph.counts).toMatchObject({ source: 1, stream: 2, field: 6, entity: 1, maps_to: 1, references: 1 })
    const label = (id: string) => graph.nodes.find((n) => n.id === id)?.label
    const mapsTo = graph.edges.find((e) => e.kind === 'maps_to')
    expect([label(mapsTo?.source ?? ''), label(mapsTo?.target ?? ''), mapsTo?.label]).toEqual([
      'mail',
      'contact',
      'email',
    ])
    const reference = graph.edges.find((e) => e.kind === 'references')
    expect([label(reference?.source ?? ''), label(reference?.target ?? '')]).toEqual(['customer_id', 'customers'])
  })

  it('shows another tenant nothing of it', async () => {
    const graph = (await (await call('/v1/dcl/graph', { token: other })).json()) as Graph
    expect(graph.nodes).toEqual([])
    expect(graph.edges).toEqual([])
  })
})
