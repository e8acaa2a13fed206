import { describe, expect, it } from 'vitest'
import { call, expectProblem, signup } from '../../support/api.ts'
import { settleJobs, waitForJob } from '../../support/jobs.ts'

// Onboarding a connection: synced, profiled, mapped by suggestion; Safe Mode applies none of it.

const CSV =
  'account_id,company_name,website,phone\nA-1,Acme Corporation,acme.example.com,+1 555 0100\nA-2,Globex Inc,globex.example.com,+1 555 0101\n'

async function onboard(name: string, { safeMode }: { safeMode: boolean }) {
  const token = (await signup(name)).tokens.access_token
  expect((await call('/v1/flags/USE_AAM_AS_SOURCE', { method: 'PUT', token, body: { value: true } })).status).toBe(200)
  if (!safeMode)
    expect((await call('/v1/settings/automation', { method: 'PUT', token, body: { safe_mode: false } })).status).toBe(
      200,
    )
  const created = await call('/v1/connections', {
    token,
    body: { kind: 'file', name: 'Customer export', config: { primary_key: 'account_id' } },
  })
  const { id } = (await created.json()) as { id: string }
  if (!safeMode)
    expect(
      (await call(`/v1/connections/${id}/safe-mode`, { method: 'PUT', token, body: { safe_mode: false } })).status,
    ).toBe(200)
  const upload = await call(`/v1/connections/${id}/files?stream=customers`, {
    token,
    body: CSV,
    headers: { 'content-type': 'text/csv' },
  })
  expect(upload.status).toBe(202)
  await settleJobs(token)
  const started = await call('/v1/onboarding', { token, body: { connection_id: id } })
  expect(started.status, await started.clone().text()).toBe(202)
  const job = await waitForJob(token, ((await started.json()) as { id: string }).id, ['succeeded', 'dead'], 30_000)
  expect(job.status, job.last_error ?? '').toBe('succeeded')
  await settleJobs(token)
  return { token, id, jobId: job.id, result: job.result as Record<string, unknown> }
}

const accountRows = async (token: string) =>
  ((await (await call('/v1/dcl/views/account/rows?limit=10', { token })).json()) as { total?: number }).total ?? 0

describe('onboarding', () => {
  it('in Safe Mode suggests every mapping and applies none: they wait for review', async () => {
    const { token, jobId, result } = await onboard('Onboard Safe Co', { safeMode: true })
    expect(result).toMatchObject({
      safe_mode: true,
      streams: 1,
      accepted: 0,
      views: [{ entity: 'account', streams: ['customers'] }],
    })
    expect(result.waiting_for_review).toBeGreaterThanOrEqual(2)
    const review = (await (await call('/v1/review', { token })).json()) as { counts: { mapping: number } }
    expect(review.counts.mapping).toBe(result.waiting_for_review)
    const accepted = (await (await call('/v1/dcl/mappings?status=accepted', { token })).json()) as { data: unknown[] }
    expect(accepted.data).toEqual([])
    expect(await accountRows(token)).toBe(0)
    // Every step is announced, however quickly the next follows, so the console's wizard never lags a step.
    const events = (await (await call('/v1/events?limit=200', { token })).json()) as {
      data: { type: string; data: { job_id?: string; progress?: { done: number; total: number } } }[]
    }
    const steps = events.data
      .filter((e) => e.type === 'aos.job.progress' && e.data.job_id === jobId)
      .map((e) => e.data.progress?.done)
    expect(steps.sort()).toEqual([0, 1, 2, 4])
  })

  it('outside Safe Mode accepts the sure suggestions and the account view fills', async () => {
    const { token, result } = await onboard('Onboard Bold Co', { safeMode: false })
    expect(result).toMatchObject({ safe_mode: false, streams: 1 })
    expect(result.accepted).toBeGreaterThanOrEqual(2)
    const mappings = (await (await call('/v1/dcl/mappings?status=accepted', { token })).json()) as {
      data: { source_path: string; field: string }[]
    }
    // The declared key is the account's external_id, though its name reads like another system's id.
    expect(mappings.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ source_path: 'account_id', field: 'external_id' })]),
    )
    await expect.poll(() => accountRows(token), { timeout: 15_000 }).toBe(2)
  })

  it("refuses another tenant's connection", async () => {
    const { id } = await onboard('Onboard Owner Co', { safeMode: true })
    const stranger = (await signup('Onboard Nosy Co')).tokens.access_token
    await expectProblem(
      await call('/v1/onboarding', { token: stranger, body: { connection_id: id } }),
      404,
      'not_found',
    )
  })
})
