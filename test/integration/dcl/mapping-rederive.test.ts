// A person's decision on a mapping reaches records already synced: accepting the mappings of a file's
// columns fills the unified view without another sync, and rejecting one takes its field out again.
import { describe, expect, it } from 'vitest'
import { call, signup } from '../../support/api.ts'
import { type JobBody, settleJobs, waitForJob } from '../../support/jobs.ts'
import { type MappingBody, stateMappings } from '../../support/mappings.ts'

type Row = { data: Record<string, unknown>; members: { external_id: string }[] }

const settle = (token: string) => settleJobs(token, 90_000)

describe('mapping decisions re-derive the records already synced', () => {
  it('fills the view when a person accepts the mappings, empties a field on rejection, and touches no other tenant', async () => {
    const { tokens } = await signup('Rederive Co')
    const token = tokens.access_token
    const stranger = (await signup('Rederive Stranger Co')).tokens.access_token
    const rows = async (as = token) =>
      (await (await call('/v1/dcl/views/account/rows?limit=100', { token: as })).json()) as {
        data: Row[]
        total: number
      }
    const rederives = async () =>
      ((await (await call('/v1/jobs?kind=dcl.rederive&limit=100', { token })).json()) as { data: JobBody[] }).data

    const created = await call('/v1/connections', {
      token,
      body: { kind: 'file', name: 'Accounts export', config: { primary_key: 'id' } },
    })
    const connectionId = ((await created.json()) as { id: string }).id
    const upload = await call(`/v1/connections/${connectionId}/files?stream=companies`, {
      token,
      body: 'id,name,domain\n1,Aurora Labs,aurora.example\n2,Borealis Foods,borealis.example\n',
      headers: { 'content-type': 'text/csv' },
    })
    expect(upload.status).toBe(202)
    const sync = await waitForJob(token, ((await upload.json()) as { job_id: string }).job_id, ['succeeded', 'dead'])
    expect(sync.status, sync.last_error ?? '').toBe('succeeded')

    // Proposed mappings change nothing the DCL derives: no view rows, no re-derivation.
    const mappings = await stateMappings(
      token,
      {
        source_system: 'file',
        connection_id: connectionId,
        source_stream: 'companies',
        entity: 'account',
        status: 'proposed',
      },
      [
        ['id', 'external_id'],
        ['name', 'name'],
        ['domain', 'domain'],
      ],
    )
    await settle(token)
    expect((await rows()).total).toBe(0)
    expect(await rederives()).toEqual([])

    for (const m of mappings) {
      expect((await call(`/v1/dcl/mappings/${m.id}/accept`, { token, body: {} })).status).toBe(200)
    }
    await settle(token)
    const filled = await rows()
    expect(filled.total).toBe(2)
    expect(filled.data.map((r) => r.data.name).sort()).toEqual(['Aurora Labs', 'Borealis Foods'])
    // Decisions made while a re-derivation waits join it: at most one per decision, all succeeded.
    const jobs = await rederives()
    expect(jobs.length).toBeGreaterThan(0)
    expect(jobs.length).toBeLessThanOrEqual(3)
    expect(jobs.every((j) => j.status === 'succeeded')).toBe(true)

    // Rejecting the accepted `domain` mapping takes the field out of the view's rows.
    const { data: current } = (await (
      await call(`/v1/dcl/mappings?connection_id=${connectionId}`, { token })
    ).json()) as { data: MappingBody[] }
    const domain = current.find((m) => m.source_path === 'domain')
    expect(domain?.status).toBe('accepted')
    expect((await call(`/v1/dcl/mappings/${domain?.id}/reject`, { token, body: {} })).status).toBe(200)
    await settle(token)
    expect((await rows()).data.map((r) => r.data.domain ?? null)).toEqual([null, null])

    // Another tenant sees none of it, and cannot decide this tenant's mappings.
    expect((await rows(stranger)).total).toBe(0)
    expect((await call(`/v1/dcl/mappings/${domain?.id}/accept`, { token: stranger, body: {} })).status).toBe(404)
  }, 180_000)
})
