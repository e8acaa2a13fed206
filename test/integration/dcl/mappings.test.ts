import { beforeAll, describe, expect, it } from 'vitest'
import { addMember, call, expectProblem, signup } from '../../support/api.ts'

type Mapping = {
  id: string
  source_path: string
  version: number
  entity: string
  field: string
  transform: string
  confidence: number
  status: string
  provenance: string
  note: string | null
  created_by: string
  connection_id: string | null
}
type MappingList = { data: Mapping[]; next_cursor: string | null }

const website = {
  source_system: 'salesforce',
  source_stream: 'Account',
  source_path: 'Website',
  entity: 'account',
  field: 'domain',
  transform: 'lowercase',
  confidence: 0.8,
  status: 'proposed',
}

describe('the mapping registry API', () => {
  let token: string
  let userId: string
  let other: string

  const save = (body: Record<string, unknown>, as = token) => call('/v1/dcl/mappings', { token: as, body })
  const list = async (query = '', as = token) =>
    (await (await call(`/v1/dcl/mappings${query}`, { token: as })).json()) as MappingList

  beforeAll(async () => {
    const owner = await signup('Registry Co')
    token = owner.tokens.access_token
    userId = owner.userId
    other = (await signup('Other Co')).tokens.access_token
  })

  it('saves a mapping as version 1, an edit as version 2, and a repeat as nothing new', async () => {
    const first = await save(website)
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({
      ...website,
      version: 1,
      provenance: 'manual',
      created_by: `user:${userId}`,
      connection_id: null,
      note: null,
    })
    const edited = await save({ ...website, confidence: 0.9 })
    expect(edited.status).toBe(201)
    expect(await edited.json()).toMatchObject({ version: 2, confidence: 0.9 })
    const repeated = await save({ ...website, confidence: 0.9 })
    expect(repeated.status).toBe(200)
    expect(await repeated.json()).toMatchObject({ version: 2 })
    const { data } = await list('?source_stream=Account')
    expect(data.map((m) => [m.source_path, m.version])).toEqual([['Website', 2]])
    // Live clients hear each change (two versions, newest first), not the repeat.
    const recent = (await (await call('/v1/events?limit=200', { token })).json()) as {
      data: { type: string; data: { version: number } }[]
    }
    expect(recent.data.filter((e) => e.type === 'aos.mapping.changed').map((e) => e.data.version)).toEqual([2, 1])
  })

  it('accepts the newest version, refuses a decision on a stale one, and keeps every version', async () => {
    const [current] = (await list('?status=proposed')).data
    const versions = (await (await call(`/v1/dcl/mappings/${current?.id}/versions`, { token })).json()) as {
      data: Mapping[]
    }
    const stale = versions.data.find((v) => v.version === 1)
    const refused = await expectProblem(
      await call(`/v1/dcl/mappings/${stale?.id}/accept`, { token, body: {} }),
      409,
      'conflict',
    )
    expect(refused.detail).toContain(`version 2 (${current?.id}) is`)

    const accepted = await call(`/v1/dcl/mappings/${current?.id}/accept`, {
      token,
      body: { comment: 'checked against ten accounts' },
    })
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({
      version: 3,
      status: 'accepted',
      note: 'checked against ten accounts',
    })
    expect((await list('?status=proposed')).data).toEqual([])
    expect((await list('?status=accepted')).data.map((m) => m.version)).toEqual([3])
  })

  it('reverts to an earlier version as a new version, and says so when asked to revert the current one', async () => {
    const [current] = (await list('?source_stream=Account')).data
    const versions = (await (await call(`/v1/dcl/mappings/${current?.id}/versions`, { token })).json()) as {
      data: Mapping[]
    }
    expect(versions.data.map((v) => v.version)).toEqual([3, 2, 1])
    const first = versions.data[2]
    const reverted = await call(`/v1/dcl/mappings/${first?.id}/revert`, { token, method: 'POST' })
    expect(reverted.status).toBe(201)
    expect(await reverted.json()).toMatchObject({
      version: 4,
      status: 'proposed',
      confidence: 0.8,
      provenance: 'revert',
      note: 'reverted to version 1',
    })
    const [now] = (await list('?source_stream=Account')).data
    await expectProblem(await call(`/v1/dcl/mappings/${now?.id}/revert`, { token, method: 'POST' }), 409, 'conflict')
  })

  it('rejects a mapping, and the rejection is the current state', async () => {
    const created = (await (await save({ ...website, source_path: 'Fax', field: 'phone' })).json()) as Mapping
    const rejected = await call(`/v1/dcl/mappings/${created.id}/reject`, { token, method: 'POST' })
    expect(rejected.status).toBe(200)
    expect(await rejected.json()).toMatchObject({ version: 2, status: 'rejected', field: 'phone' })
  })

  it('names each bad field of a mapping, and an unknown connection', async () => {
    const bad = await expectProblem(
      await save({ ...website, transform: 'rot13', confidence: 2 }),
      400,
      'validation_failed',
    )
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['confidence', 'transform'])
    const unknown = await expectProblem(await save({ ...website, field: 'billing_city' }), 400, 'validation_failed')
    expect(unknown.errors).toEqual([
      expect.objectContaining({ path: 'field', message: expect.stringMatching(/^is not a field of account v1/) }),
    ])
    await expectProblem(
      await save({ ...website, connection_id: '00000000-0000-4000-8000-000000000000' }),
      404,
      'not_found',
    )
    await expectProblem(await call('/v1/dcl/mappings?cursor=nonsense', { token }), 400, 'bad_request')
  })

  it('pages through every mapping with next_cursor', async () => {
    for (const path of ['A', 'B', 'C', 'D', 'E']) {
      expect((await save({ ...website, source_stream: 'Paged', source_path: path })).status).toBe(201)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: MappingList = await list(`?source_stream=Paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.data.map((m) => m.source_path))
      cursor = page.next_cursor
    } while (cursor)
    expect(seen.sort()).toEqual(['A', 'B', 'C', 'D', 'E'])
  })

  it('keeps one tenant’s mappings from another', async () => {
    const [mine] = (await list()).data
    expect((await list('', other)).data).toEqual([])
    await expectProblem(await call(`/v1/dcl/mappings/${mine?.id}/versions`, { token: other }), 404, 'not_found')
    await expectProblem(
      await call(`/v1/dcl/mappings/${mine?.id}/accept`, { token: other, method: 'POST' }),
      404,
      'not_found',
    )
    await expectProblem(
      await call(`/v1/dcl/mappings/${mine?.id}/revert`, { token: other, method: 'POST' }),
      404,
      'not_found',
    )
  })

  it('lets a viewer read the registry but not change it', async () => {
    const viewer = (await addMember(token, { role: 'viewer' })).tokens.access_token
    expect((await list('', viewer)).data.length).toBeGreaterThan(0)
    await expectProblem(await save(website, viewer), 403, 'forbidden')
  })
})
