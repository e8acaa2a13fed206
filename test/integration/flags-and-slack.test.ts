import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../../workers/api/index.ts'
import { type Account, addMember, call, expectProblem, signup } from '../support/api.ts'
import { createJob, waitForJob } from '../support/jobs.ts'
import { makePlatformAdmin } from '../support/platform-admin.ts'

interface Flag {
  name: string
  value: boolean
  source: string
}

describe('feature flags', () => {
  let owner: Account
  beforeAll(async () => {
    owner = await signup('Flag Co')
  })

  it('lists USE_AAM_AS_SOURCE off by default; a tenant override applies to that tenant only', async () => {
    const token = owner.tokens.access_token
    const before = (await (await call('/v1/flags', { token })).json()) as { data: Flag[] }
    expect(before.data).toContainEqual(
      expect.objectContaining({ name: 'USE_AAM_AS_SOURCE', value: false, source: 'default' }),
    )
    const put = await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })
    expect(await put.json()).toMatchObject({ value: true, source: 'tenant' })
    const after = (await (await call('/v1/flags', { token })).json()) as { data: Flag[] }
    expect(after.data.find((f) => f.name === 'USE_AAM_AS_SOURCE')?.value).toBe(true)

    const other = await signup('Unflagged Co')
    const theirs = (await (await call('/v1/flags', { token: other.tokens.access_token })).json()) as { data: Flag[] }
    expect(theirs.data.find((f) => f.name === 'USE_AAM_AS_SOURCE')).toMatchObject({ value: false, source: 'default' })
  })

  it('answers 404 for an unknown flag and 403 for a member', async () => {
    const token = owner.tokens.access_token
    await expectProblem(await call('/v1/flags/NOPE', { method: 'PUT', token, body: { value: true } }), 404, 'not_found')
    const member = (await addMember(token, { role: 'member' })).tokens.access_token
    const put = await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token: member, body: { value: false } })
    await expectProblem(put, 403, 'forbidden')
    expect((await call('/v1/flags', { token: member })).status).toBe(200)
  })

  it('shows a change on the very next read, through another app instance too (no isolate cache)', async () => {
    const token = owner.tokens.access_token
    // A second app with its own env object: its own services and Redis client, as another isolate has.
    const elsewhere = async () => {
      const res = await createApp().request(
        '/v1/flags',
        { headers: { authorization: `Bearer ${token}`, 'cf-connecting-ip': '10.1.2.3' } },
        { ...env },
        createExecutionContext(),
      )
      return ((await res.json()) as { data: Flag[] }).data.find((f) => f.name === 'USE_AAM_AS_SOURCE')
    }
    for (const value of [false, true, false]) {
      await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value } })
      expect(await elsewhere()).toMatchObject({ value, source: 'tenant' })
    }
    await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: null } })
    expect(await elsewhere()).toMatchObject({ value: false, source: 'default' })
  })
})

// Other test files run alongside this one on the same stack: the global value set here is `false`, the
// code default, so their tenants behave the same; only `source` says `global` while it is set.
describe('global flags', () => {
  let platform: Account
  let tenant: Account
  const flagOf = async (account: Account) =>
    ((await (await call('/v1/flags', { token: account.tokens.access_token })).json()) as { data: Flag[] }).data.find(
      (f) => f.name === 'USE_AAM_AS_SOURCE',
    )
  const setGlobal = (account: Account, value: boolean | null) =>
    call('/v1/platform/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token: account.tokens.access_token, body: { value } })

  beforeAll(async () => {
    platform = await signup('Platform Ops')
    await makePlatformAdmin(platform.userId)
    tenant = await signup('Any Tenant Co')
  })
  afterAll(async () => {
    await setGlobal(platform, null)
  })

  it('a platform admin sets a flag for every tenant; the next read in another tenant sees it', async () => {
    const put = await setGlobal(platform, false)
    expect(put.status).toBe(200)
    expect(await put.json()).toMatchObject({ name: 'USE_AAM_AS_SOURCE', value: false, source: 'global' })
    expect(await flagOf(tenant)).toMatchObject({ value: false, source: 'global' })
    expect(await flagOf(await signup('Newcomer Co'))).toMatchObject({ value: false, source: 'global' })
  })

  it('a tenant override wins over the global value', async () => {
    await setGlobal(platform, false)
    const token = tenant.tokens.access_token
    await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })
    expect(await flagOf(tenant)).toMatchObject({ value: true, source: 'tenant' })
    await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: null } })
    expect(await flagOf(tenant)).toMatchObject({ value: false, source: 'global' })
  })

  it('refuses anyone else with 403 problem+json, an owner and an admin’s API key included, and changes nothing', async () => {
    await setGlobal(platform, null)
    await expectProblem(await setGlobal(tenant, true), 403, 'forbidden')
    const key = await call('/v1/api-keys', {
      token: platform.tokens.access_token,
      body: { name: 'ops key', role: 'admin' },
    })
    expect(key.status).toBe(201)
    const { key: secret } = (await key.json()) as { key: string }
    const byKey = await call('/v1/platform/flags/USE_AAM_AS_SOURCE', {
      method: 'PUT',
      token: secret,
      body: { value: true },
    })
    await expectProblem(byKey, 403, 'forbidden')
    expect(await flagOf(tenant)).toMatchObject({ value: false, source: 'default' })
  })

  it('answers 404 for an unknown flag and 400 for a body that is not a boolean or null', async () => {
    await expectProblem(
      await call('/v1/platform/flags/NOPE', {
        method: 'PUT',
        token: platform.tokens.access_token,
        body: { value: true },
      }),
      404,
      'not_found',
    )
    const bad = await call('/v1/platform/flags/USE_AAM_AS_SOURCE', {
      method: 'PUT',
      token: platform.tokens.access_token,
      body: { value: 'yes' },
    })
    expect(bad.status).toBe(400)
  })
})

describe('Slack notifications', () => {
  let owner: Account
  let token: string
  beforeAll(async () => {
    owner = await signup('Slack Co')
    token = owner.tokens.access_token
  })

  it('stores the webhook encrypted and only ever shows a hint of it', async () => {
    const url = `${inject('harnessUrl')}/slack/services/T0SECRET-B0SECRET-xyz${crypto.randomUUID().slice(0, 4)}`
    const put = await call('/v1/settings/slack', { method: 'PUT', token, body: { webhook_url: url } })
    expect(put.status).toBe(200)
    const shown = await (await call('/v1/settings/slack', { token })).text()
    expect(JSON.parse(shown)).toMatchObject({ configured: true })
    expect(shown).not.toContain('T0SECRET-B0SECRET')
  })

  it('delivers a notify.slack job with Slack’s payload shape', async () => {
    const hook = `slack-${crypto.randomUUID()}`
    await call('/v1/settings/slack', {
      method: 'PUT',
      token,
      body: { webhook_url: `${inject('harnessUrl')}/slack/services/${hook}` },
    })
    const job = await createJob(token, { kind: 'notify.slack', payload: { text: 'Drift detected on *orders*' } })
    expect((await waitForJob(token, job.id, ['succeeded', 'dead'])).status).toBe('succeeded')
    const received = await (await fetch(`${inject('harnessUrl')}/slack/received/${hook}`)).json()
    expect(received).toEqual([{ text: 'Drift detected on *orders*' }])
  })

  it('a failing webhook ends dead with Slack’s answer, visible in the jobs API', async () => {
    await call('/v1/settings/slack', {
      method: 'PUT',
      token,
      body: { webhook_url: `${inject('harnessUrl')}/slack/fail/gone` },
    })
    const test = await call('/v1/settings/slack/test', { method: 'POST', token })
    expect(test.status).toBe(202)
    const { id } = (await test.json()) as { id: string }
    const dead = await waitForJob(token, id, ['dead', 'succeeded'])
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 })
    expect(dead.last_error).toContain('404')
    expect(dead.last_error).toContain('no_service')
  })

  it('refuses webhook URLs that are not Slack’s', async () => {
    for (const webhook_url of ['http://example.com/hook', 'https://evil.example/services/x', 'not a url']) {
      const res = await call('/v1/settings/slack', { method: 'PUT', token, body: { webhook_url } })
      await expectProblem(res, 400, 'validation_failed')
    }
  })
})
