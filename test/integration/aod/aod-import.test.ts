import { beforeAll, describe, expect, inject, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { waitForJob } from '../../support/jobs.ts'

type Asset = {
  id: string
  name: string
  type: string
  importable: boolean
  kind: string | null
  reason: string | null
  connection_id: string | null
}
type Connection = {
  id: string
  kind: string
  draft: boolean
  aod_asset_id: string | null
  config: Record<string, unknown>
}
type ImportResult = { created: Connection[]; existing: Connection[]; skipped: { asset_id: string; reason: string }[] }

// The AOD stand-in (harness): each `aod-…` token is its own workspace with eight assets of mixed kinds.
const aodToken = `aod-${crypto.randomUUID().slice(0, 8)}`
const harness = () => inject('harnessUrl')

const listAssets = async (token: string) => {
  const res = await call('/v1/aod/assets', { token })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { data: Asset[] }).data
}

describe('asset discovery (AOD) import', () => {
  let token: string
  let assets: Asset[]
  const byName = (name: string) => assets.find((a) => a.name === name) as Asset
  const importAssets = async (ids: string[]) => {
    const res = await call('/v1/aod/import', { token, body: { asset_ids: ids } })
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as ImportResult
  }

  beforeAll(async () => {
    token = (await signup('Discovery Co')).tokens.access_token
  })

  it('says how to connect asset discovery before it is connected', async () => {
    const problem = await expectProblem(await call('/v1/aod/assets', { token }), 409, 'conflict')
    expect(problem.detail).toContain('PUT /v1/settings/aod')
  })

  it('keeps the token write-only and refuses a URL it may not call', async () => {
    const plain = await call('/v1/settings/aod', {
      method: 'PUT',
      token,
      body: { base_url: 'http://aod.example.com', token: aodToken },
    })
    expect((await expectProblem(plain, 400, 'validation_failed')).errors?.[0]?.path).toBe('base_url')
    const res = await call('/v1/settings/aod', {
      method: 'PUT',
      token,
      body: { base_url: `${harness()}/aod`, token: aodToken },
    })
    expect(res.status).toBe(200)
    const text = await (await call('/v1/settings/aod', { token })).text()
    expect(JSON.parse(text)).toMatchObject({ configured: true, base_url: `${harness()}/aod` })
    expect(text).not.toContain(aodToken)
  })

  it('lists the discovered assets with what each imports as', async () => {
    assets = await listAssets(token)
    expect(assets).toHaveLength(8)
    expect(byName('salesforce-prod')).toMatchObject({ importable: true, kind: 'salesforce', connection_id: null })
    expect(byName('billing-db')).toMatchObject({ importable: true, kind: 'postgres' })
    expect(byName('support-exports')).toMatchObject({ importable: true, kind: 'file' })
    expect(byName('events-stream')).toMatchObject({
      importable: false,
      reason: 'no connector for kafka_topic assets yet',
    })
  })

  it('imports assets as draft connections, once each, and says what it skipped', async () => {
    const ids = ['salesforce-prod', 'billing-db', 'support-exports', 'events-stream'].map((n) => byName(n).id)
    const first = await importAssets([...ids, 'ast_missing'])
    expect(first.created.map((c) => [c.kind, c.draft]).sort()).toEqual([
      ['file', false],
      ['postgres', true],
      ['salesforce', true],
    ])
    expect(first.created.find((c) => c.kind === 'postgres')?.config).toMatchObject({ schema: 'billing' })
    expect(first.skipped.map((s) => s.reason).sort()).toEqual([
      'asset discovery does not list this asset',
      'no connector for kafka_topic assets yet',
    ])
    const none = await call('/v1/aod/import', { token, body: { asset_ids: [] } })
    expect((await expectProblem(none, 400, 'validation_failed')).errors?.[0]?.path).toBe('asset_ids')
    const again = await importAssets(ids)
    expect(again.created).toEqual([])
    expect(again.existing.map((c) => c.id).sort()).toEqual(first.created.map((c) => c.id).sort())
    assets = await listAssets(token)
    expect(byName('salesforce-prod').connection_id).toBe(first.created.find((c) => c.kind === 'salesforce')?.id)
  })

  it('refuses to sync a draft until its credentials are set, then syncs it', async () => {
    const id = byName('salesforce-prod').connection_id as string
    const blocked = await expectProblem(
      await call(`/v1/connections/${id}/sync`, { method: 'POST', token }),
      409,
      'conflict',
    )
    expect(blocked.detail).toContain(`PUT /v1/connections/${id}/credentials`)
    const incomplete = await call(`/v1/connections/${id}/credentials`, { method: 'PUT', token, body: {} })
    expect((await expectProblem(incomplete, 400, 'validation_failed')).errors?.[0]?.path).toBe('credentials')

    const orgId = `aod-org-${crypto.randomUUID().slice(0, 6)}`
    const completed = await call(`/v1/connections/${id}/credentials`, {
      method: 'PUT',
      token,
      body: {
        credentials: { client_id: orgId, client_secret: `secret-${orgId}` },
        config: { login_url: `${harness()}/salesforce`, objects: ['Account'] },
      },
    })
    expect(completed.status, await completed.clone().text()).toBe(200)
    const connection = (await completed.json()) as Connection
    expect(connection.draft).toBe(false)
    expect(JSON.stringify(connection)).not.toContain(`secret-${orgId}`)
    const res = await call(`/v1/connections/${id}/sync`, { method: 'POST', token })
    const job = await waitForJob(token, ((await res.json()) as { id: string }).id, ['succeeded', 'dead'])
    expect(job.status, job.last_error ?? '').toBe('succeeded')
    const streams = (await (await call(`/v1/connections/${id}/streams`, { token })).json()) as {
      data: { name: string; record_count: number }[]
    }
    expect(streams.data).toEqual([expect.objectContaining({ name: 'Account', record_count: 36 })])
  })

  it('keeps another tenant away from the imports and the settings', async () => {
    const stranger = (await signup('Stranger Co')).tokens.access_token
    await expectProblem(await call('/v1/aod/assets', { token: stranger }), 409, 'conflict')
    const id = byName('billing-db').connection_id as string
    await expectProblem(
      await call(`/v1/connections/${id}/credentials`, {
        method: 'PUT',
        token: stranger,
        body: { url: 'postgres://x@y/z' },
      }),
      404,
      'not_found',
    )
  })

  it('explains a refused AOD token', async () => {
    await call('/v1/settings/aod', { method: 'PUT', token, body: { base_url: `${harness()}/aod`, token: 'expired' } })
    const problem = await expectProblem(await call('/v1/aod/assets', { token }), 502, 'source_unreachable')
    expect(problem.detail).toContain('refused the token')
  })
})
