import { beforeAll, describe, expect, it } from 'vitest'
import { call, signup } from '../../support/api.ts'
import { settleJobs, uploadCsv } from '../../support/jobs.ts'
import { stateMappings } from '../../support/mappings.ts'

// A mapped column whose type changes: the engine proposes keeping it flowing, and only the records
// whose value does not fit the canonical field are quarantined; the rest reach the DCL.

type Counts = { rows: number; stored: number; quarantined: number }

describe('a re-typed mapped field', () => {
  let token: string
  let connectionId: string
  beforeAll(async () => {
    token = (await signup('Retype Co')).tokens.access_token
    expect((await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })).status).toBe(
      200,
    )
    const created = await call('/v1/connections', { token, body: { kind: 'file', name: 'CRM export' } })
    connectionId = ((await created.json()) as { id: string }).id
    await stateMappings(
      token,
      { source_system: 'file', connection_id: connectionId, source_stream: 'companies', entity: 'account' },
      [
        ['id', 'external_id'],
        ['name', 'name'],
        ['employees', 'employee_count'],
      ],
    )
    await uploadCsv(token, connectionId, 'companies', 'id,name,employees\n1,Acme,120\n2,Globex,45\n')
    await settleJobs(token)
  })

  it('quarantines only the records whose value does not fit, and proposes keeping the field flowing', async () => {
    const job = await uploadCsv(
      token,
      connectionId,
      'companies',
      'id,name,employees\n3,Initech,80\n4,Umbrella,n/a\n5,Hooli,"1,200"\n',
    )
    expect(job.result as Counts).toMatchObject({ rows: 3, stored: 2, quarantined: 1 })
    await settleJobs(token)

    const streams = (await (await call(`/v1/connections/${connectionId}/streams`, { token })).json()) as {
      data: { id: string }[]
    }
    const streamId = streams.data[0]?.id as string
    const quarantine = (await (await call(`/v1/streams/${streamId}/quarantine`, { token })).json()) as {
      data: { raw: string; reason: string }[]
    }
    expect(quarantine.data).toHaveLength(1)
    expect(quarantine.data[0]?.raw).toContain('Umbrella')
    expect(quarantine.data[0]?.reason).toContain('employee_count')

    // The DCL applies the stored records from its own queue, after the sync job has ended.
    const employees = async () => {
      const accounts = (await (await call('/v1/dcl/entities?entity=account', { token })).json()) as {
        data: { data: { name: string; employee_count: number | null } }[]
      }
      return Object.fromEntries(accounts.data.map((a) => [a.data.name, a.data.employee_count]))
    }
    await expect.poll(employees).toEqual({ Acme: 120, Globex: 45, Initech: 80, Hooli: 1200 })

    const repairs = (await (await call('/v1/repairs', { token })).json()) as {
      data: { kind: string; status: string; evidence: string[]; writes: unknown[] }[]
    }
    expect(repairs.data).toEqual([expect.objectContaining({ kind: 'cast', status: 'proposed', writes: [] })])
    expect(repairs.data[0]?.evidence.join(' ')).toContain('employees widened from integer to string')
  })
})
