import { beforeAll, describe, expect, inject, it } from 'vitest'
import { type Account, addMember, call, expectProblem, signup } from '../support/api.ts'
import { createJob, waitForJob } from '../support/jobs.ts'

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
